import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  prepaintHtml,
  rowToken,
  rowValues,
  ROWS_MARK,
  startPageSnapshotSchema,
  type StartPageSnapshot
} from '../../../electron/core/start-page/start-page'
import { START_PAGE_FILE } from '../../../electron/core/start-page/start-page-service'
import { openNodeCore } from '../../../electron/core/node-core'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import type { Customer } from '../../../electron/core/customers/customer-fields'
import { formatDateTime } from '../../../electron/core/shared/dates'
import { customerGenerator } from '../../../scripts/bench-data.mjs'

const ROW = (cls: string): string =>
  `<tr class="${cls}" data-id="${rowToken('id')}"><td title="${rowToken('name')}"><a href="#/customers/${rowToken('id')}">${rowToken('name')}</a></td><td>${rowToken('taxId')}</td><td>${rowToken('contactName')}</td><td>${rowToken('phone')}</td><td>${rowToken('address')}</td><td>${rowToken('updatedAt')}</td></tr>`

function snapshot(over: Partial<StartPageSnapshot> = {}): StartPageSnapshot {
  return {
    build: '/assets/index-abc123.js',
    locale: 'zh-CN',
    shell: `<div class="shell"><h1>客户</h1><table class="customer-table"><tbody>${ROWS_MARK}</tbody></table></div>`,
    rowFirst: ROW('row current'),
    rowOther: ROW('row'),
    rows: 3,
    ...over
  }
}

function customer(id: number, over: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `客户${id}`,
    taxId: `91620100MA0000000${id}`,
    address: '兰州市城关区',
    phone: '0931-8000000',
    bankName: '',
    bankAccount: '',
    invoicer: '',
    adminMobile: '',
    contactName: '王',
    contactPhone: '',
    email: '',
    taxIdOverrideReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-03-16T02:30:00.000Z',
    archivedAt: null,
    ...over
  } as Customer
}

describe('the start page picture', () => {
  it('fills the first row template once, the other for the rest, up to the rows painted first', () => {
    const html = prepaintHtml(
      snapshot({ rows: 3 }),
      [1, 2, 3, 4, 5].map((id) => customer(id))
    )
    expect(html.startsWith('<div class="desk-prepaint" aria-hidden="true" inert>')).toBe(true)
    expect(html.match(/<tr class="row/g)).toHaveLength(3)
    // the page's other two rows hold their place, empty, as the list's spacer does
    expect(html.match(/<tr class="desk-prepaint-rest"><\/tr>/g)).toHaveLength(2)
    expect(html.match(/class="row current"/g)).toHaveLength(1)
    expect(html.indexOf('row current')).toBeLessThan(html.indexOf('class="row"'))
    expect(html).toContain('data-id="1"')
    expect(html).toContain('href="#/customers/3"')
    expect(html).not.toContain('客户4')
    expect(html).not.toContain('⟦')
    expect(html).toContain(formatDateTime('2026-03-16T02:30:00.000Z'))
  })

  it('escapes every value, and a value that looks like a token stays text', () => {
    const hostile = customer(7, {
      name: '"><img src=x onerror=alert(1)>⟦taxId⟧',
      address: "O'Brien & <b>",
      contactName: '<script>alert(1)</script>'
    })
    const html = prepaintHtml(snapshot(), [hostile])
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<script')
    expect(html).toContain('title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;⟦taxId⟧"')
    expect(html).toContain('O&#39;Brien &amp; &lt;b&gt;')
    // the token inside the name was not filled with the tax ID
    expect(html).not.toContain('&gt;91620100MA00000007')
  })

  it('shows the contact phone where there is one, else the company phone', () => {
    expect(rowValues(customer(1, { contactPhone: '13912345678' })).phone).toBe('13912345678')
    expect(rowValues(customer(1)).phone).toBe('0931-8000000')
  })

  it('refuses markup that could act (scripts, styles, handlers, frames) and a malformed shell', () => {
    const refused: Partial<StartPageSnapshot>[] = [
      { shell: `<script>alert(1)</script>${ROWS_MARK}` },
      { shell: `<div onclick="x()">${ROWS_MARK}</div>` },
      { shell: `<div style="color:red">${ROWS_MARK}</div>` },
      { shell: `<style>*{}</style>${ROWS_MARK}` },
      { shell: `<link rel="stylesheet" href="x.css">${ROWS_MARK}` },
      { shell: `<meta http-equiv="refresh" content="0;url=https://x">${ROWS_MARK}` },
      { shell: `<iframe srcdoc="x"></iframe>${ROWS_MARK}` },
      { shell: `<a href="javascript:alert(1)">${ROWS_MARK}</a>` },
      { shell: `<form action="x">${ROWS_MARK}</form>` },
      { shell: '<div>no mark</div>' },
      { shell: `${ROWS_MARK}${ROWS_MARK}` },
      { rowOther: '<tr onmouseover="x()"></tr>' },
      { build: '/assets/../../main/index.js' },
      { build: 'https://evil.example/x.js' },
      { rows: 0 },
      { rows: 51 }
    ]
    for (const over of refused)
      expect(startPageSnapshotSchema.safeParse(snapshot(over)).success, JSON.stringify(over)).toBe(
        false
      )
    expect(startPageSnapshotSchema.safeParse(snapshot()).success).toBe(true)
    expect(startPageSnapshotSchema.safeParse({ ...snapshot(), extra: 1 }).success).toBe(false)
  })
})

describe('StartPageService', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  function setUp(): { core: ReturnType<typeof openNodeCore>; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'desk-start-page-'))
    dirs.push(dir)
    const core = openNodeCore(join(dir, 'desk.sqlite'))
    core.deps.settings.update({ implementerName: '李晓明' })
    return { core, dir }
  }
  const INDEX = '<script type="module" crossorigin src="./assets/index-abc123.js"></script>'

  it('paints the list as the database holds it now, most recently changed first', async () => {
    const { core, dir } = setUp()
    expect(core.startPage.prepaint(INDEX)).toBeNull()
    const next = customerGenerator(7)
    const made = [1, 2, 3, 4].map(() => core.customers.create(next()).customer)
    await core.startPage.save(snapshot())
    const stored = readFileSync(join(dir, START_PAGE_FILE), 'utf8')
    for (const c of made) {
      expect(stored).not.toContain(c.name)
      expect(stored).not.toContain(c.taxId)
    }
    const picture = core.startPage.prepaint(INDEX)!
    expect(picture.lang).toBe('zh-CN')
    const html = picture.html
    const shown = [...html.matchAll(/<a href="#\/customers\/\d+">([^<]+)<\/a>/g)].map((m) => m[1])
    const first = core.customers.search({ sort: 'updatedAt', limit: 3, offset: 0 })
    expect(shown).toEqual(first.items.map((c) => c.name))
    // an archived customer is not on the start page
    core.customers.archive(first.items[0]!.id)
    expect(core.startPage.prepaint(INDEX)!.html).not.toContain(first.items[0]!.name)
    core.deps.db.close()
  })

  it('writes the file again only when the page has changed', async () => {
    const { core, dir } = setUp()
    await core.startPage.save(snapshot())
    const path = join(dir, START_PAGE_FILE)
    const first = statSync(path).mtimeMs
    await new Promise((done) => setTimeout(done, 20))
    await core.startPage.save(snapshot())
    expect(statSync(path).mtimeMs).toBe(first)
    await core.startPage.save(snapshot({ rows: 4 }))
    expect(statSync(path).mtimeMs).toBeGreaterThan(first)
    expect(JSON.parse(readFileSync(path, 'utf8')).rows).toBe(4)
    core.deps.db.close()
  })

  it('paints nothing for another build, another language, the first run, or no customers', async () => {
    const { core } = setUp()
    await core.startPage.save(snapshot())
    expect(core.startPage.prepaint(INDEX)).toBeNull() // no customers: the empty state
    core.customers.create(customerGenerator(7)())
    expect(core.startPage.prepaint(INDEX)).not.toBeNull()
    expect(core.startPage.prepaint(INDEX.replace('abc123', 'def456'))).toBeNull()
    core.deps.settings.update({ locale: 'en' })
    expect(core.startPage.prepaint(INDEX)).toBeNull()
    core.deps.settings.update({ locale: 'zh-CN', implementerName: '' })
    expect(core.startPage.prepaint(INDEX)).toBeNull()
    core.deps.db.close()
  })

  it('ignores a damaged or foreign file, and the contract refuses a hostile snapshot', async () => {
    const { core, dir } = setUp()
    core.customers.create(customerGenerator(7)())
    for (const text of ['{', JSON.stringify({ ...snapshot(), shell: '<script>x</script>' })]) {
      writeFileSync(join(dir, START_PAGE_FILE), text)
      const fresh = openNodeCore(join(dir, 'desk.sqlite'))
      expect(fresh.startPage.prepaint(INDEX)).toBeNull()
      fresh.deps.db.close()
    }
    const answer = await dispatch(createHandlers(core), 'app.saveStartPage', {
      ...snapshot(),
      rowFirst: '<tr><td onclick="steal()">x</td></tr>'
    })
    expect(answer.ok).toBe(false)
    expect(readFileSync(join(dir, START_PAGE_FILE), 'utf8')).not.toContain('steal')
    core.deps.db.close()
  })
})
