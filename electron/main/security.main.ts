/**
 * Window and session hardening (Electron's security checklist): no navigation, no new windows,
 * no webviews, every permission denied, IPC only from the app's own top-level frame, and no
 * DevTools in a packaged build.
 */
import type { Session, WebContents, WebFrameMain } from 'electron'

/** The page the app loads: the dev server in development, app://desk/index.html otherwise. */
export interface RendererLocation {
  /** dev server URL (http://localhost:5173/) or app://desk/index.html */
  url: string
}

/**
 * The exact origin of a URL, or null when it has none we can trust. file: URLs never have
 * one: Chromium ignores their host, so `file://evil-host/…` would look like the app.
 * Node's URL gives non-special schemes (app:) the origin "null", so scheme and host are
 * compared directly there.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'file:' || parsed.protocol === 'data:' || parsed.protocol === 'blob:')
    return null
  if (parsed.username || parsed.password) return null
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  if (!parsed.host) return null
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`
}

/** True when `url` is the app's own renderer (same exact origin, any path or hash route). */
export function isAppUrl(url: string, app: RendererLocation): boolean {
  const own = originOf(app.url)
  return own !== null && originOf(url) === own
}

/** An IPC message is trusted only from the app's top-level frame showing the app's page. */
export function isTrustedSender(
  frame: WebFrameMain | null | undefined,
  app: RendererLocation
): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, app)
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  // Nothing may be downloaded into the app by a page.
  session.on('will-download', (event) => event.preventDefault())
}

export function hardenWebContents(
  contents: WebContents,
  app: RendererLocation,
  options: { allowDevTools: boolean } = { allowDevTools: false }
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, app)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  // webPreferences.devTools is off in a packaged build; this closes them should anything open them.
  if (!options.allowDevTools) contents.on('devtools-opened', () => contents.closeDevTools())
}
