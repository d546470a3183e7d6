/**
 * Window and session hardening (Electron's security checklist): no navigation, no new windows,
 * no webviews, every permission denied, IPC only from the app's own top-level frame.
 */
import type { Session, WebContents, WebFrameMain } from 'electron'

/** The page the app loads: the dev server in development, the built index.html otherwise. */
export interface RendererLocation {
  /** dev server URL (http://localhost:5173/) or the file:// URL of out/renderer/index.html */
  url: string
}

/** True when `url` is the app's own renderer page (any hash route of it). */
export function isAppUrl(url: string, app: RendererLocation): boolean {
  let target: URL
  let own: URL
  try {
    target = new URL(url)
    own = new URL(app.url)
  } catch {
    return false
  }
  if (own.protocol === 'file:')
    return target.protocol === 'file:' && target.pathname === own.pathname
  return target.origin === own.origin
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

export function hardenWebContents(contents: WebContents, app: RendererLocation): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
