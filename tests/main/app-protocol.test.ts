import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  resolveAppPath
} from '../../electron/main/app-protocol.main'
import { CSP_BUILD, CSP_HEADER } from '../../electron/main/content-security-policy'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A renderer folder with a secret file beside it, as out/ has main/ beside renderer/. */
function layout(): { renderer: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'desk-proto-'))
  dirs.push(root)
  const renderer = join(root, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<div id="app"></div>')
  writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log(1)')
  mkdirSync(join(root, 'main'))
  writeFileSync(join(root, 'main', 'index.js'), 'SECRET MAIN')
  return { renderer, root }
}

describe('the app:// protocol', () => {
  it('is a standard, secure scheme with V8 code caching (Electron caches only http(s) otherwise)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, codeCache: true })
  })

  it('serves the renderer files with their type and the CSP as a header', async () => {
    const { renderer } = layout()
    const handle = createAppProtocolHandler(renderer, CSP_HEADER)
    const page = await handle({ url: APP_ENTRY_URL })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(CSP_HEADER)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await page.text()).toContain('id="app"')
    const script = await handle({ url: 'app://desk/assets/index.js' })
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await (await handle({ url: 'app://desk/' })).text()).toContain('id="app"')
  })

  it('refuses anything outside the renderer folder, another host, and writes', async () => {
    const { renderer } = layout()
    const handle = createAppProtocolHandler(renderer, CSP_HEADER)
    for (const url of [
      'app://desk/../main/index.js',
      'app://desk/%2e%2e/main/index.js',
      'app://desk/%2E%2E%2Fmain%2Findex.js',
      'app://desk/assets/..%5C..%5Cmain%5Cindex.js',
      'app://desk/index.html%00.js',
      'app://evil/index.html',
      'file:///etc/passwd',
      'app://desk/missing.js'
    ]) {
      const res = await handle({ url })
      expect(res.status, url).toBe(404)
      expect(await res.text(), url).not.toContain('SECRET')
    }
    expect((await handle({ url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405)
  })

  it('maps URLs to files only inside the folder', () => {
    expect(resolveAppPath('app://desk/assets/a.css', '/r')).toBe(join('/r', 'assets', 'a.css'))
    // plain dot segments are resolved by the URL parser and stay inside the folder
    expect(resolveAppPath('app://desk/../x', '/r')).toBe(join('/r', 'x'))
    expect(resolveAppPath('app://desk/%2e%2e/x', '/r')).toBe(join('/r', 'x'))
    expect(resolveAppPath('app://desk/a%2F..%2F..%2Fx', '/r')).toBeNull()
    expect(resolveAppPath('app://desk/%E0%A4%A', '/r')).toBeNull()
    expect(contentTypeFor('x.woff2')).toBe('font/woff2')
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream')
  })

  it('sends frame-ancestors in the header only (a meta tag cannot carry it)', () => {
    expect(CSP_HEADER.startsWith(CSP_BUILD)).toBe(true)
    expect(CSP_HEADER).toContain("frame-ancestors 'none'")
    expect(CSP_BUILD).not.toContain('frame-ancestors')
    expect(CSP_BUILD).toContain("script-src 'self'")
    expect(CSP_BUILD).not.toMatch(/unsafe-eval|unsafe-inline/)
  })

  it('serves index.html with its stylesheet inline, the CSP allowing it, and the picture', async () => {
    const { renderer } = layout()
    const css = '.shell{display:grid}'
    writeFileSync(join(renderer, 'assets', 'index.css'), css)
    writeFileSync(
      join(renderer, 'index.html'),
      `<meta http-equiv="Content-Security-Policy" content="${CSP_BUILD}" /><link rel="stylesheet" href="./assets/index.css"><div id="app"></div>`
    )
    const seen: string[] = []
    const handle = createAppProtocolHandler(renderer, CSP_HEADER, undefined, (html) => {
      seen.push(html)
      return { html: '<div class="desk-prepaint">rows</div>', lang: 'zh-CN' }
    })
    const page = await handle({ url: APP_ENTRY_URL })
    const body = await page.text()
    const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`
    expect(body).toContain(`<style>${css}</style>`)
    expect(body).toContain('<div class="desk-prepaint">rows</div><div id="app"></div>')
    const header = page.headers.get('content-security-policy')!
    expect(header).toContain(`style-src 'self' ${hash}`)
    expect(header).toContain("frame-ancestors 'none'")
    expect(body).toContain(`style-src 'self' ${hash}`)
    // the picture is asked for with the page it goes into, every time the page is served
    await handle({ url: 'app://desk/' })
    expect(seen).toHaveLength(2)
    expect(seen[0]).toContain('<style>')
    // other files are served as they are, with the plain policy
    const other = await handle({ url: 'app://desk/assets/index.css' })
    expect(await other.text()).toBe(css)
    expect(other.headers.get('content-security-policy')).toBe(CSP_HEADER)
  })

  it('serves the page without a picture when making one fails', async () => {
    const { renderer } = layout()
    const errors: unknown[] = []
    const handle = createAppProtocolHandler(
      renderer,
      CSP_HEADER,
      undefined,
      () => {
        throw new Error('database gone')
      },
      (error) => errors.push(error)
    )
    const page = await handle({ url: APP_ENTRY_URL })
    expect(page.status).toBe(200)
    expect(await page.text()).toBe('<div id="app"></div>')
    expect(errors).toHaveLength(1)
  })
})
