/**
 * The `app://desk/` protocol the built renderer is served from, instead of file://.
 *
 * Why: a file:// page has no real origin (Chromium ignores the host of file: URLs, so
 * `file://evil-host/<app path>` would pass a path comparison), and a file:// page may read
 * other local files. app://desk is a standard, secure scheme with one exact origin that the
 * navigation and IPC checks compare, and the handler below sends the CSP as a header and
 * serves nothing outside the renderer folder.
 */
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import {
  loadStartTemplate,
  renderStartPage,
  startPageCsp,
  type StartTemplate
} from '../core/start-page/start-page-html'

export const APP_SCHEME = 'app'
export const APP_HOST = 'desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** For protocol.registerSchemesAsPrivileged (before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  // V8 keeps compiled code for the app's own scripts between starts (Electron enables its code
  // cache only for http(s) unless a standard scheme asks): the start page's scripts spend about
  // as long being parsed and compiled as being run, measured in a fresh Chromium profile
  codeCache: true
} as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under `rendererDir` an app:// URL names, or null when the URL is not ours (other
 * host, other scheme) or would leave the folder (`..`, encoded separators, absolute paths).
 */
export function resolveAppPath(url: string, rendererDir: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = resolve(rendererDir)
  const file = resolve(join(root, relativePath))
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    return null
  return file
}

/** Headers every app:// response carries. */
export function appResponseHeaders(path: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(path),
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store'
  }
}

export type ReadFile = (path: string) => Promise<Uint8Array>

/**
 * The start page's picture of the customer list for an index.html, or null (none saved, or the
 * app will not start on the list): StartPageService.prepaint of the open database.
 */
export type StartPagePicture = (indexHtml: string) => { html: string; lang: string } | null

/**
 * The handler for protocol.handle(APP_SCHEME, …): GET/HEAD of the renderer's own files only.
 * index.html is served with its stylesheets inline (their hashes added to the CSP) and the
 * start page's picture (electron/core/start-page).
 */
export function createAppProtocolHandler(
  rendererDir: string,
  csp: string,
  read: ReadFile = (p) => readFile(p),
  picture: StartPagePicture = () => null,
  onError: (error: unknown) => void = () => undefined
): (request: { url: string; method?: string }) => Promise<Response> {
  const indexFile = join(resolve(rendererDir), 'index.html')
  let template: Promise<StartTemplate> | null = null
  const startPage = async (): Promise<{ body: string; csp: string }> => {
    template ??= loadStartTemplate(rendererDir, read)
    let loaded: StartTemplate
    try {
      loaded = await template
    } catch (error) {
      template = null
      throw error
    }
    let prepaint: ReturnType<StartPagePicture> = null
    try {
      prepaint = picture(loaded.html)
    } catch (error) {
      // never keeps the app from starting: the list paints as it did without one
      onError(error)
    }
    return {
      body: renderStartPage(loaded, prepaint),
      csp: startPageCsp(csp, loaded)
    }
  }
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase()
    if (method !== 'GET' && method !== 'HEAD')
      return new Response(null, { status: 405, headers: { 'Content-Security-Policy': csp } })
    const file = resolveAppPath(request.url, rendererDir)
    if (!file)
      return new Response(null, { status: 404, headers: { 'Content-Security-Policy': csp } })
    let body: Uint8Array | string
    let policy = csp
    try {
      if (file === indexFile) {
        const page = await startPage()
        body = page.body
        policy = page.csp
      } else {
        body = await read(file)
      }
    } catch {
      return new Response(null, { status: 404, headers: { 'Content-Security-Policy': csp } })
    }
    return new Response(
      method === 'HEAD' ? null : typeof body === 'string' ? body : Buffer.from(body),
      { status: 200, headers: appResponseHeaders(file, policy) }
    )
  }
}
