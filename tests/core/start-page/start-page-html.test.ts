import { afterEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  deferAppStart,
  loadStartTemplate,
  renderStartPage,
  withSources
} from '../../../electron/core/start-page/start-page-html'
import { CSP_BUILD } from '../../../electron/main/content-security-policy'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const sha = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

const CSS_A = '.a{color:red}'
const CSS_B = 'body{font-family:"微软雅黑"}'
const FIRST_PAGE = ';(function(){window.x=1})()'

function renderer(index: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-start-html-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'assets', 'a.css'), CSS_A)
  writeFileSync(join(dir, 'assets', 'b.css'), CSS_B)
  writeFileSync(join(dir, 'assets', 'bad.css'), '.x{}</style><script>alert(1)</script>')
  writeFileSync(join(dir, 'first-page.js'), FIRST_PAGE)
  writeFileSync(join(dir, 'index.html'), index)
  return dir
}

const INDEX = `<!doctype html><html lang="zh-CN"><head>
<meta http-equiv="Content-Security-Policy" content="${CSP_BUILD}" />
<script src="./first-page.js"></script>
<script type="module" crossorigin src="./assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="./assets/vue-1.js">
<link rel="modulepreload" crossorigin href="./assets/ui-2.js">
<link rel="stylesheet" crossorigin href="./assets/a.css">
<link rel="stylesheet" crossorigin href="./assets/b.css">
</head><body><div id="app"></div></body></html>`

describe('the served index.html', () => {
  it('inlines the stylesheets and the classic script, each allowed by its hash', async () => {
    const t = await loadStartTemplate(renderer(INDEX), (p) => readFile(p))
    expect(t.html).toContain(`<style>${CSS_A}</style>`)
    expect(t.html).toContain(`<style>${CSS_B}</style>`)
    expect(t.html).toContain(`<script>${FIRST_PAGE}</script>`)
    expect(t.html).not.toMatch(/<link rel="stylesheet"/)
    // the app's modules stay files (the code cache, and 'self')
    expect(t.html).toContain('<script type="module" crossorigin src="./assets/index-abc.js">')
    expect(t.styleHashes).toEqual([sha(CSS_A), sha(CSS_B)])
    expect(t.scriptHashes).toEqual([sha(FIRST_PAGE)])
    const meta = /content="([^"]*)"/.exec(t.html.slice(t.html.indexOf('<meta')))![1]!
    expect(meta).toContain(`style-src 'self' ${sha(CSS_A)} ${sha(CSS_B)}`)
    expect(meta).toContain(`script-src 'self' ${sha(FIRST_PAGE)}`)
    expect(meta).not.toContain('unsafe-inline')
  })

  it('hashes the text as the browser parses it: line breaks as LF, no BOM', async () => {
    const dir = renderer(INDEX)
    writeFileSync(join(dir, 'assets', 'a.css'), '\uFEFF.a{\r\n  color:red\r}\r\n')
    writeFileSync(join(dir, 'first-page.js'), ';(function(){\r\n  window.x=1\r\n})()\r\n')
    const t = await loadStartTemplate(dir, (p) => readFile(p))
    expect(t.html).toContain('<style>.a{\n  color:red\n}\n</style>')
    expect(t.styleHashes[0]).toBe(sha('.a{\n  color:red\n}\n'))
    expect(t.scriptHashes).toEqual([sha(';(function(){\n  window.x=1\n})()\n')])
    expect(t.html).not.toContain('\r')
  })

  it('leaves a reference that cannot be inlined safely as it was', async () => {
    const index = INDEX.replace('./assets/b.css', './assets/bad.css').replace(
      './assets/a.css',
      './assets/missing.css'
    )
    const t = await loadStartTemplate(renderer(index), (p) => readFile(p))
    expect(t.html).toContain('href="./assets/bad.css"')
    expect(t.html).toContain('href="./assets/missing.css"')
    expect(t.html).not.toContain('alert(1)')
    expect(t.styleHashes).toEqual([])
  })

  it('puts the picture before the app root, and nothing when there is none', async () => {
    const t = await loadStartTemplate(renderer(INDEX), (p) => readFile(p))
    expect(renderStartPage(t, null)).toBe(t.html)
    const page = renderStartPage(t, { html: '<div class="desk-prepaint">$&$1</div>', lang: 'en' })
    expect(page).toContain('<div class="desk-prepaint">$&$1</div><div id="app"></div>')
    expect(page).toContain('<html lang="en">')
    expect(t.html).toContain('<html lang="zh-CN">')
  })

  it('with a picture, names the app code in meta tags for first-page.js to load after its first frame', async () => {
    const t = await loadStartTemplate(renderer(INDEX), (p) => readFile(p))
    // no picture: the page loads its code at once, as built
    expect(renderStartPage(t, null)).toContain(
      '<script type="module" crossorigin src="./assets/index-abc.js">'
    )
    const page = renderStartPage(t, { html: '<div class="desk-prepaint"></div>', lang: 'zh-CN' })
    expect(page).not.toContain('type="module"')
    expect(page).not.toContain('modulepreload')
    expect(page).toContain('<meta name="desk-app-entry" content="./assets/index-abc.js">')
    expect(page).toContain(
      '<meta name="desk-app-preload" content="./assets/vue-1.js ./assets/ui-2.js">'
    )
    // the loader is the inline first-page.js, still allowed by its hash
    expect(page).toContain(`<script>${FIRST_PAGE}</script>`)
  })

  it('keeps loading the code at once when first-page.js, the loader, could not be inlined', async () => {
    const dir = renderer(INDEX)
    writeFileSync(join(dir, 'first-page.js'), 'var s = "</script>"')
    const t = await loadStartTemplate(dir, (p) => readFile(p))
    expect(t.scriptHashes).toEqual([])
    const page = renderStartPage(t, { html: '<div class="desk-prepaint"></div>', lang: 'zh-CN' })
    expect(page).toContain('<script type="module" crossorigin src="./assets/index-abc.js">')
    expect(page).not.toContain('desk-app-entry')
  })

  it('serves a page whose module entry it does not recognise unchanged', () => {
    const odd = '<head><script type="module" src="https://evil.example/x.js"></script></head>'
    expect(deferAppStart(odd)).toBe(odd)
    const noPreloads =
      '<head><script type="module" crossorigin src="./assets/i.js"></script></head>'
    expect(deferAppStart(noPreloads)).toBe(
      '<head><meta name="desk-app-entry" content="./assets/i.js"></head>'
    )
  })

  it('adds sources to a directive, or the directive when the policy has none', () => {
    expect(withSources("default-src 'none'; style-src 'self'", 'style-src', ["'sha256-x'"])).toBe(
      "default-src 'none'; style-src 'self' 'sha256-x'"
    )
    expect(withSources("default-src 'none'", 'script-src', ["'sha256-y'"])).toBe(
      "default-src 'none'; script-src 'sha256-y'"
    )
    // script-src-elem is another directive
    expect(withSources("script-src-elem 'self'", 'script-src', ["'sha256-z'"])).toBe(
      "script-src-elem 'self'; script-src 'sha256-z'"
    )
    expect(withSources(CSP_BUILD, 'style-src', [])).toBe(CSP_BUILD)
  })
})
