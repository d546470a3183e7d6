import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openNodeCore } from '../../../electron/core/node-core'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import type { Core } from '../../../electron/core/core'
import { LANZHOU } from '../../support/temp-core'

const SECRETS = {
  clientId: 'PZ01HX7Qk2',
  clientSecret: 'd81f0c2a9b3dc',
  encryptKey: '8HQ2x7LmZc4pRk1w',
  fkey: '0a1b2c3d7',
  fpublicKey: '04ab77e8'
}

let dir: string
let core: Core
let copies: { text: string; seconds: number }[]
let guards: number[]
const call = (name: string, payload: unknown = {}) => dispatch(createHandlers(core), name, payload)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-vault-h-'))
  copies = []
  guards = []
  core = openNodeCore(join(dir, 'd.sqlite'), {
    scryptParams: { n: 1024, r: 8, p: 1 },
    secrets: {
      copy: async (text, seconds) => (copies.push({ text, seconds }), { concealed: true }),
      guardScreen: (ms) => guards.push(ms),
      flush: () => undefined
    }
  })
})
afterEach(() => {
  core.deps.db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('vault and credentials through the contract', () => {
  it('sets up, stores, reveals (guarding the screen), copies (with the clearing delay) and locks', async () => {
    expect(await call('vault.status')).toMatchObject({ ok: true, result: { state: 'not_set_up' } })
    expect(await call('vault.setup', { passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_WEAK_PASSPHRASE' }
    })
    expect(await call('vault.setup', { passphrase: '黄河远上白云间一片孤城' })).toMatchObject({
      ok: true,
      result: { state: 'unlocked' }
    })
    const { customer } = core.customers.create(LANZHOU)
    for (const [field, value] of Object.entries(SECRETS)) {
      expect(
        await call('credentials.set', { customerId: customer.id, field, value })
      ).toMatchObject({ ok: true })
    }
    const list = await call('credentials.list', { customerId: customer.id })
    expect(list).toMatchObject({ ok: true, result: { locked: false } })
    expect(JSON.stringify(list)).not.toContain(SECRETS.clientSecret)
    expect(
      (list as { result: { items: { field: string; mask: string }[] } }).result.items[0]
    ).toMatchObject({ field: 'clientId', mask: 'P*******k2' })

    expect(
      await call('credentials.reveal', { customerId: customer.id, field: 'encryptKey' })
    ).toEqual({
      ok: true,
      result: { value: SECRETS.encryptKey, hideAfterSeconds: 30 }
    })
    expect(guards).toEqual([30_000])
    core.deps.settings.update({ clipboardClearSeconds: 20 })
    expect(await call('credentials.copy', { customerId: customer.id, field: 'fkey' })).toEqual({
      ok: true,
      result: { copied: true, concealed: true, clearAfterSeconds: 20 }
    })
    expect(copies).toEqual([{ text: SECRETS.fkey, seconds: 20 }])

    expect(await call('vault.lock')).toMatchObject({ ok: true, result: { state: 'locked' } })
    expect(
      await call('credentials.reveal', { customerId: customer.id, field: 'fkey' })
    ).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    expect(await call('vault.unlock', { passphrase: 'wrong passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_BAD_PASSPHRASE' }
    })
    expect(await call('vault.unlock', { passphrase: '黄河远上白云间一片孤城' })).toMatchObject({
      ok: true,
      result: { state: 'unlocked' }
    })
    const actions = core.audit
      .list({ entityType: 'customer', entityId: customer.id })
      .items.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['credential.set', 'credential.reveal', 'credential.copy'])
    )
    expect(JSON.stringify(core.audit.list({ limit: 500 }))).not.toContain(SECRETS.encryptKey)
  })

  it('hands the keys over in the runbook format, copies the message and records it on the delivery', async () => {
    await call('vault.setup', { passphrase: '黄河远上白云间一片孤城' })
    const { customer } = core.customers.create(LANZHOU)
    for (const [field, value] of Object.entries(SECRETS))
      core.credentials.set(customer.id, field, value)
    const delivery = core.deliveries.create(customer.id, {}).delivery.id
    const r = await call('credentials.handoff', {
      customerId: customer.id,
      deliveryId: delivery,
      channel: 'wechat'
    })
    const message = [
      LANZHOU.name,
      LANZHOU.taxId,
      '已经配置好了，相关密钥是：',
      `clientId：${SECRETS.clientId}`,
      `clientSecret：${SECRETS.clientSecret}`,
      `encryptKey：${SECRETS.encryptKey}`,
      `fkey：${SECRETS.fkey}`,
      `fpublicKey：${SECRETS.fpublicKey}`
    ].join('\n')
    expect(r).toEqual({ ok: true, result: { message, copied: true, clearAfterSeconds: 30 } })
    expect(copies[0]?.text).toBe(message)
    const stage = core.deliveries.get(delivery).stages.find((s) => s.stage === 'backend_config')
    expect(stage?.answers).toMatchObject({
      keys_handed_over_on: core.today(),
      keys_handed_over_via: 'wechat'
    })
    expect(stage?.missing.map((m) => m.field)).not.toContain('credentials.fkey')
  })

  it('refuses to hand over to a delivery of another customer', async () => {
    await call('vault.setup', { passphrase: '黄河远上白云间一片孤城' })
    const a = core.customers.create(LANZHOU).customer
    const b = core.customers.create({ name: '乙公司', taxId: '914403001922038216' }).customer
    for (const [field, value] of Object.entries(SECRETS)) core.credentials.set(a.id, field, value)
    const other = core.deliveries.create(b.id, {}).delivery.id
    expect(
      await call('credentials.handoff', { customerId: a.id, deliveryId: other, channel: 'wechat' })
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'deliveryId' }
    })
    expect(copies).toEqual([])
  })

  it('refuses copy where there is no clipboard (the CLI)', async () => {
    const cli = openNodeCore(join(dir, 'cli.sqlite'), { scryptParams: { n: 1024, r: 8, p: 1 } })
    await cli.vault.setup('黄河远上白云间一片孤城')
    const { customer } = cli.customers.create(LANZHOU)
    cli.credentials.set(customer.id, 'fkey', SECRETS.fkey)
    expect(
      await dispatch(createHandlers(cli), 'credentials.copy', {
        customerId: customer.id,
        field: 'fkey'
      })
    ).toMatchObject({
      ok: false,
      error: { code: 'CLIPBOARD_UNAVAILABLE' }
    })
    cli.deps.db.close()
  })
})
