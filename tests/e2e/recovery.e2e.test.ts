import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { openNodeCore } from '../../electron/core/node-core'
import { usccCheckCharacter } from '../../electron/core/validation/uscc'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, type AppPage } from './support/browser'

function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

function customerCount(bridge: Bridge): number {
  return (bridge.core.deps.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number })
    .n
}

/** Overwrites every page after the first with noise: SQLite still reads the header. */
function damage(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    const size = statSync(path).size
    for (let at = 4096; at < size; at += 4096) writeSync(fd, randomBytes(4096), 0, 4096, at)
  } finally {
    closeSync(fd)
  }
}

async function callInPage(app: AppPage, name: string): Promise<unknown> {
  return app.page.evaluate(async (n) => {
    const [area, verb] = n.split('.')
    const desk = (globalThis as unknown as { desk: Record<string, Record<string, () => unknown>> })
      .desk
    return desk[area!]![verb!]!()
  }, name)
}

describe('the recovery screen, when the database cannot be used at start', () => {
  let browser: Browser
  const dirs: string[] = []
  const bridges: Bridge[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    for (const b of bridges) await b.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('offers the newest good backup for a damaged file, in zh-CN and en, and restores it keeping the damaged file aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-e2e-recovery-'))
    dirs.push(dir)
    const dbPath = join(dir, 'delivery-desk.sqlite')
    const core = openNodeCore(dbPath)
    for (let i = 0; i < 300; i++) {
      core.customers.create({ name: `兰州黄河云票科技有限公司${i}`, taxId: taxId(i) })
    }
    await core.backups.create({})
    core.deps.db.close()
    damage(dbPath)
    const damaged = readFileSync(dbPath)

    const bridge = await startBridge(dbPath, { recovery: true })
    bridges.push(bridge)
    const app = await openApp(browser, bridge, '#/recovery')
    await app.page.locator('[data-test="recovery-backup"]').waitFor()
    const text = await app.page.locator('[data-test="recovery"]').innerText()
    expect(text).toContain('数据库需要恢复')
    expect(text).toMatch(/数据文件已损坏|不是交付台的数据库/)
    expect(text).toContain('客户 300 家')
    // every other call is refused while the file is unusable; nothing opened it
    expect(await callInPage(app, 'customers.search')).toMatchObject({
      ok: false,
      error: { code: 'RECOVERY_REQUIRED' }
    })
    expect(readFileSync(dbPath).equals(damaged)).toBe(true)
    await screenshot(app.page, 'recovery-zh-CN')

    await app.page.evaluate(() =>
      (
        globalThis as unknown as {
          desk: { settings: { update: (p: unknown) => Promise<unknown> } }
        }
      ).desk.settings.update({ locale: 'en', implementerName: '王实施' })
    )
    await app.page.reload()
    await app.page.locator('[data-test="recovery-backup"]').waitFor()
    await app.page.locator('html[lang="en"]').waitFor({ state: 'attached' })
    expect(await app.page.locator('[data-test="recovery"]').innerText()).toContain(
      'The database needs recovery'
    )
    await screenshot(app.page, 'recovery-en')

    await app.page.locator('[data-test="recovery-restore"]').click()
    await app.page.locator('[data-test="recovery-done"]').waitFor()
    // the page reloads into the app, which now serves the restored data
    await app.page.waitForURL(/#\/customers/)
    await app.page.getByText('兰州黄河云票科技有限公司299').first().waitFor()
    const aside = readdirSync(dir).find((n) => n.startsWith('delivery-desk.sqlite.replaced-'))
    expect(aside).toBeDefined()
    expect(readFileSync(join(dir, aside!)).equals(damaged)).toBe(true)
    expect(customerCount(bridge)).toBe(300)
    expect(app.problems.filter((p) => !p.includes('RECOVERY_REQUIRED'))).toEqual([])
  })

  it('starts a new file from a file that is not a database, with no backup, keeping it aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-e2e-recovery-'))
    dirs.push(dir)
    const dbPath = join(dir, 'delivery-desk.sqlite')
    const noise = randomBytes(64 * 1024)
    const fd = openSync(dbPath, 'w')
    writeSync(fd, noise)
    closeSync(fd)

    const bridge = await startBridge(dbPath, { recovery: true })
    bridges.push(bridge)
    const app = await openApp(browser, bridge, '#/recovery')
    await app.page.locator('[data-test="recovery-no-backup"]').waitFor()
    expect(await app.page.locator('[data-test="recovery-problem"]').innerText()).toContain(
      '不是交付台的数据库'
    )
    expect(await app.page.locator('[data-test="recovery-restore"]').isDisabled()).toBe(true)
    await screenshot(app.page, 'recovery-no-backup-zh-CN')
    await app.page.locator('[data-test="recovery-fresh"]').click()
    await app.page.locator('.el-message-box .el-button--primary').click()
    await app.page.locator('[data-test="recovery-done"]').waitFor()
    await app.page.waitForURL(/#\/customers/)
    const aside = readdirSync(dir).find((n) => n.startsWith('delivery-desk.sqlite.damaged-'))
    expect(aside).toBeDefined()
    expect(readFileSync(join(dir, aside!)).equals(noise)).toBe(true)
    expect(customerCount(bridge)).toBe(0)
  })
})
