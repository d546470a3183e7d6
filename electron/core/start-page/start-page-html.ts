/**
 * The index.html the app:// handler serves (and the browser tests' bridge, the same way):
 *
 * - its stylesheets and its one classic script (first-page.js) inlined, each allowed by its
 *   hash in the CSP (meta tag and header): the page is not painted before its stylesheets are
 *   in, nor parsed past a classic script before it has run, and those requests through the main
 *   process took longer than reading the files once here (a static copy of the list page
 *   painted ~50 ms sooner with its CSS inline, measured in Chromium on the bench machine);
 * - the start page's picture (start-page.ts) before the app's root, when there is one; the app's
 *   code then loads after the picture's first frame (deferAppStart).
 */
import { createHash } from 'node:crypto'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { APP_ENTRY_META, APP_PRELOAD_META } from './start-page-marks'

export interface StartTemplate {
  /** index.html with its stylesheets inline and their hashes in its CSP meta tag */
  html: string
  /** 'sha256-…' sources of the inline styles, for the CSP header */
  styleHashes: string[]
  /** 'sha256-…' sources of the inline scripts, for the CSP header */
  scriptHashes: string[]
}

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*>/g
const HREF = /\bhref="\.\/(assets\/[\w.-]+\.css)"/
/** a classic script of the renderer folder's own (not a module: those stay files) */
const CLASSIC_SCRIPT = /<script src="\.\/([\w.-]+\.js)"><\/script>/g

export const cspHash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** The policy with the given sources added to one of its directives. */
export function withSources(csp: string, directive: string, sources: readonly string[]): string {
  if (sources.length === 0) return csp
  let found = false
  const head = new RegExp(`^${directive}(\\s|$)`)
  const directives = csp.split(';').map((part) => {
    const text = part.trim()
    if (!head.test(text)) return text
    found = true
    return [text, ...sources].join(' ')
  })
  if (!found) directives.push([directive, ...sources].join(' '))
  return directives.filter((d) => d !== '').join('; ')
}

/** The policy that allows the template's inline styles and scripts. */
export function startPageCsp(csp: string, template: StartTemplate): string {
  return withSources(
    withSources(csp, 'style-src', template.styleHashes),
    'script-src',
    template.scriptHashes
  )
}

const MODULE_ENTRY = /<script type="module" crossorigin src="(\.\/assets\/[\w.-]+\.js)"><\/script>/
const MODULE_PRELOAD = /<link rel="modulepreload" crossorigin href="(\.\/assets\/[\w.-]+\.js)">/g

/**
 * The page with its module entry and preloads named in meta tags instead of loaded: first-page.js
 * inserts them after the picture's first frame (src/public/first-page.js). On the bench machine's
 * two cores the browser compiled the app's modules on the other core while the main thread laid
 * out the picture, and both waited. Measured A/B in one run (20 starts each, 22k customers): the
 * picture's first frame 217 / 275 ms (p50 / p95) against 307 / 341 with the code loaded at once;
 * its first paint as presented 372 / 452 against 408 / 452; the app's own list took over 70 ms
 * later (579 / 614 against 507 / 545). What is typed meanwhile is kept (first-page.js).
 * A page without a module entry of the expected shape is served unchanged.
 */
export function deferAppStart(html: string): string {
  const entry = MODULE_ENTRY.exec(html)
  if (!entry) return html
  const preloads = [...html.matchAll(MODULE_PRELOAD)].map((m) => m[1] as string)
  return html
    .replace(MODULE_PRELOAD, '')
    .replace(
      entry[0],
      () =>
        `<meta name="${APP_ENTRY_META}" content="${entry[1]}">` +
        (preloads.length ? `<meta name="${APP_PRELOAD_META}" content="${preloads.join(' ')}">` : '')
    )
}

/** A file of rendererDir an index.html reference names, never outside it. */
function insideRenderer(rendererDir: string, name: string): string | null {
  const root = resolve(rendererDir)
  const file = resolve(join(root, name))
  const rel = relative(root, file)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : file
}

/**
 * Reads index.html and inlines the stylesheets it links and the classic scripts it loads (the
 * built renderer's own). A file that cannot be read or inlined safely stays a reference.
 */
export async function loadStartTemplate(
  rendererDir: string,
  read: (path: string) => Promise<Uint8Array>
): Promise<StartTemplate> {
  const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8')
  const text = async (name: string | undefined): Promise<string | null> => {
    const file = name ? insideRenderer(rendererDir, name) : null
    if (!file) return null
    let content: string
    try {
      content = decode(await read(file))
    } catch {
      return null
    }
    // The browser hashes the element's text as parsed: line breaks as LF (a CRLF checkout on
    // Windows), NUL as U+FFFD; a BOM would stay in the text (a file's is dropped). As read, the
    // hash would not match and the stylesheet or script would be refused.
    if (content.includes('\0')) return null
    return content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  }
  let html = decode(await read(join(rendererDir, 'index.html')))
  const styleHashes: string[] = []
  const scriptHashes: string[] = []
  for (const link of html.match(STYLESHEET) ?? []) {
    const css = await text(HREF.exec(link)?.[1])
    if (css === null || /<\/style/i.test(css)) continue
    styleHashes.push(cspHash(css))
    html = html.replace(link, () => `<style>${css}</style>`)
  }
  for (const tag of html.match(CLASSIC_SCRIPT) ?? []) {
    const js = await text(/src="\.\/([\w.-]+\.js)"/.exec(tag)?.[1])
    if (js === null || /<\/script|<!--/i.test(js)) continue
    scriptHashes.push(cspHash(js))
    html = html.replace(tag, () => `<script>${js}</script>`)
  }
  const template = { html, styleHashes, scriptHashes }
  template.html = html.replace(
    /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/,
    (_all, open: string, csp: string, close: string) =>
      `${open}${startPageCsp(csp, template)}${close}`
  )
  return template
}

/**
 * The page to serve: the template with the picture (if any) before the app's root, and the
 * page's language the picture's (fonts are chosen by it: Latin text in a zh-CN page is drawn
 * with the CJK font).
 */
export function renderStartPage(
  template: StartTemplate,
  picture: { html: string; lang: string } | null
): string {
  if (!picture) return template.html
  // the loader of the deferred code is first-page.js, inline (the only classic script): a page
  // without it keeps its module script, or the app would never start
  const loader = template.scriptHashes.length > 0
  return (loader ? deferAppStart(template.html) : template.html)
    .replace(/<html lang="[\w-]+">/, () => `<html lang="${picture.lang}">`)
    .replace('<div id="app"></div>', () => `${picture.html}<div id="app"></div>`)
}
