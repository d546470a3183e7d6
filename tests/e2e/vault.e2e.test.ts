import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, type AppPage } from './support/browser'

const PASSPHRASE = '黄河远上白云间一片孤城'
const SECRETS: Record<string, string> = {
  clientId: 'PZ01HX7QvQk2',
  clientSecret: 'd81f0c2a9b5e7e3dc',
  encryptKey: '8HQ2x7LmZc4pRk1w',
  fkey: '0a1b2c3d4e7',
  fpublicKey: '04ab77cafe5e8'
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? allFiles(path) : [path]
  })
}

describe('the credential vault in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let customerId: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-vault-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'), { scryptN: 4096 })
    bridge.core.deps.settings.update({ implementerName: '王实施', clipboardClearSeconds: 15 })
    customerId = bridge.core.customers.create({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R'
    }).customer.id
    browser = await launchBrowser()
    app = await openApp(browser, bridge, `#/customers/${customerId}`)
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const panel = () => app.page.locator('[data-test="credentials-panel"]')

  it('sets up the vault with a confirmed passphrase', async () => {
    await panel().locator('[data-test="vault-gate"]').waitFor()
    await app.page.locator('input[data-test="vault-passphrase"]').fill(PASSPHRASE)
    await app.page.locator('input[data-test="vault-confirm"]').fill(PASSPHRASE + 'x')
    expect(await panel().innerText()).toContain('两次输入的口令不一致')
    expect(await panel().innerText()).toContain('忘记')
    await app.page.locator('input[data-test="vault-confirm"]').fill(PASSPHRASE)
    await screenshot(app.page, 'vault-setup')
    await app.page.locator('[data-test="vault-setup"]').click()
    await panel().locator('[data-test="credential-clientId"]').waitFor()
    expect(bridge.core.vault.status().state).toBe('unlocked')
  })

  it('stores the five keys, shown masked', async () => {
    for (const [field, value] of Object.entries(SECRETS)) {
      await app.page.locator(`[data-test="credential-edit-${field}"]`).click()
      await app.page.locator(`input[data-test="credential-input-${field}"]`).fill(value)
      await app.page.locator(`[data-test="credential-save-${field}"]`).click()
      await app.page.locator(`[data-test="credential-mask-${field}"]`).waitFor()
    }
    expect(await app.page.locator('[data-test="credential-mask-clientId"]').innerText()).toBe(
      'P*******k2'
    )
    expect(await panel().innerText()).not.toContain(SECRETS.clientSecret)
  })

  it('reveals a key for a while, guarding the screen, and copies one through the main process', async () => {
    await app.page.locator('[data-test="credential-reveal-encryptKey"]').click()
    await expect
      .poll(() => app.page.locator('[data-test="credential-plain-encryptKey"]').innerText())
      .toBe(SECRETS.encryptKey)
    expect(bridge.fakes.screenGuards).toEqual([30_000])
    await screenshot(app.page, 'vault-revealed')
    await app.page.locator('[data-test="credential-reveal-encryptKey"]').click()
    await app.page
      .locator('[data-test="credential-plain-encryptKey"]')
      .waitFor({ state: 'detached' })
    await app.page.locator('[data-test="credential-copy-fkey"]').click()
    await app.page.locator('.el-message', { hasText: '15 秒后自动' }).waitFor()
    expect(bridge.fakes.copies.at(-1)).toBe(SECRETS.fkey)
  })

  it('produces the hand-off message in the runbook format and copies it', async () => {
    await app.page.locator('[data-test="credential-handoff"]').click()
    const message = app.page.locator('[data-test="handoff-message"] pre')
    await message.waitFor()
    expect(await message.innerText()).toBe(
      `兰州黄河云票科技有限公司\n91440300MA5G3K7P0R\n已经配置好了，相关密钥是：\nclientId：${SECRETS.clientId}\nclientSecret：${SECRETS.clientSecret}\nencryptKey：${SECRETS.encryptKey}\nfkey：${SECRETS.fkey}\nfpublicKey：${SECRETS.fpublicKey}`
    )
    expect(bridge.fakes.copies.at(-1)).toBe(await message.innerText())
  })

  it('locks (hiding everything) and unlocks again with the passphrase', async () => {
    await app.page.locator('[data-test="vault-lock"]').click()
    await panel().locator('input[data-test="vault-unlock-passphrase"]').waitFor()
    expect(await panel().innerText()).not.toContain(SECRETS.clientSecret)
    await app.page.locator('input[data-test="vault-unlock-passphrase"]').fill('wrong passphrase')
    await app.page.locator('[data-test="vault-unlock"]').click()
    await app.page.locator('[data-test="vault-error"]', { hasText: '口令不正确' }).waitFor()
    await screenshot(app.page, 'vault-locked')
    await app.page.locator('input[data-test="vault-unlock-passphrase"]').fill(PASSPHRASE)
    await app.page.locator('[data-test="vault-unlock"]').click()
    await app.page.locator('[data-test="credential-mask-clientId"]').waitFor()
    await screenshot(app.page, 'vault-customer-page')
  })

  it('left no plaintext secret in any file it wrote', async () => {
    bridge.core.deps.db.pragma('wal_checkpoint(PASSIVE)')
    const files = allFiles(dir)
    expect(files.some((f) => f.endsWith('desk.sqlite-wal'))).toBe(true)
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const secret of Object.values(SECRETS)) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false)
      }
    }
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
