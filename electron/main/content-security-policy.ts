/**
 * The renderer's Content-Security-Policy, in one place: the app:// protocol handler sends it
 * as a response header (what the browser enforces first), and the build writes the same text
 * into index.html's meta tag (electron.vite.config.ts) as a second line of defence.
 */
export const CSP_BUILD = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'"
].join('; ')

/** The header adds what a meta tag cannot carry (Chromium ignores frame-ancestors there). */
export const CSP_HEADER = `${CSP_BUILD}; frame-ancestors 'none'`

/** The dev server needs its websocket for hot reload. */
export const CSP_DEV = CSP_BUILD.replace(
  "connect-src 'self'",
  "connect-src 'self' ws://localhost:* http://localhost:*"
)
