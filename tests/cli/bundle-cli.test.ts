/**
 * The bundle calls through `desk call` (the built CLI): the bundle passphrase comes from
 * DESK_BUNDLE_PASSPHRASE or --bundle-passphrase-file, never from the JSON argument; the vault's
 * own passphrase (for secrets) from --passphrase-file as for every call.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const DESK = resolve(__dirname, '../../out/cli/desk.cjs')
const BUNDLE_PASS = '春风不度玉门关 交接 2026'
const VAULT_PASS = '黄河远上白云间 2026!'
const TAX_ID = '91440300MA5G3K7P0R'
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function desk(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [DESK, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DESK_PASSPHRASE: '',
      DESK_NEW_PASSPHRASE: '',
      DESK_BUNDLE_PASSPHRASE: '',
      ...env
    },
    input: ''
  })
  let json: Record<string, unknown> | null
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>
  } catch {
    json = null
  }
  return { status: r.status, json, stderr: r.stderr }
}

describe('desk call bundle.*', () => {
  it(
    'exports on one database and imports on another, secrets included',
    { timeout: 180_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'desk-bundle-cli-'))
      dirs.push(dir)
      const a = join(dir, 'a.sqlite')
      const b = join(dir, 'b.sqlite')
      const vaultFile = join(dir, 'vault.txt')
      writeFileSync(vaultFile, VAULT_PASS + '\n', { mode: 0o600 })
      const withVault = { DESK_NEW_PASSPHRASE: VAULT_PASS }
      expect(desk(['--db', a, 'call', 'vault.setup', '{}'], withVault).status).toBe(0)
      expect(desk(['--db', b, 'call', 'vault.setup', '{}'], withVault).status).toBe(0)
      const created = desk([
        '--db',
        a,
        'call',
        'customers.create',
        `{"name":"兰州黄河云票科技有限公司","taxId":"${TAX_ID}"}`
      ])
      const customerId = (created.json!.customer as { id: number }).id
      const set = desk([
        '--db',
        a,
        '--passphrase-file',
        vaultFile,
        'call',
        'credentials.set',
        `{"customerId":${customerId},"field":"fkey","value":"fk-cli-1"}`
      ])
      expect(set.status).toBe(0)

      const file = join(dir, 'handover.ddbundle')
      const exported = desk(
        [
          '--db',
          a,
          '--passphrase-file',
          vaultFile,
          'call',
          'bundle.export',
          JSON.stringify({ customerIds: [customerId], includeSecrets: true, path: file })
        ],
        { DESK_BUNDLE_PASSPHRASE: BUNDLE_PASS }
      )
      expect(exported.status, JSON.stringify(exported.json)).toBe(0)
      expect(exported.json).toMatchObject({
        cancelled: false,
        counts: { customers: 1, secrets: 1 }
      })

      const passFile = join(dir, 'bundle.txt')
      writeFileSync(passFile, BUNDLE_PASS + '\n', { mode: 0o600 })
      const preview = desk([
        '--db',
        b,
        '--bundle-passphrase-file',
        passFile,
        'call',
        'bundle.preview',
        JSON.stringify({ path: file })
      ])
      expect(preview.status).toBe(0)
      expect(preview.json).toMatchObject({
        includesSecrets: true,
        customers: [{ taxId: TAX_ID, conflict: null }]
      })

      const imported = desk([
        '--db',
        b,
        '--passphrase-file',
        vaultFile,
        '--bundle-passphrase-file',
        passFile,
        'call',
        'bundle.import',
        JSON.stringify({ path: file })
      ])
      expect(imported.status, JSON.stringify(imported.json)).toBe(0)
      const onB = (imported.json!.customers as { customerId: number }[])[0]!.customerId
      const revealed = desk([
        '--db',
        b,
        '--passphrase-file',
        vaultFile,
        'call',
        'credentials.reveal',
        `{"customerId":${onB},"field":"fkey"}`
      ])
      expect(revealed.json).toMatchObject({ value: 'fk-cli-1' })

      // a wrong bundle passphrase: a refusal (exit 2), nothing written
      const wrong = desk(
        [
          '--db',
          b,
          'call',
          'bundle.import',
          JSON.stringify({ path: file, choices: [{ taxId: TAX_ID, action: 'replace' }] })
        ],
        {
          DESK_BUNDLE_PASSPHRASE: 'not the passphrase at all'
        }
      )
      expect(wrong.status).toBe(2)
      expect(wrong.json).toMatchObject({ error: { code: 'BUNDLE_BAD_PASSPHRASE' } })
    }
  )

  it('refuses the bundle passphrase inside the JSON argument (PASSPHRASE_IN_ARGUMENTS, exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-bundle-cli-'))
    dirs.push(dir)
    const db = join(dir, 'd.sqlite')
    const file = join(dir, 'x.ddbundle')
    for (const [call, payload] of [
      [
        'bundle.export',
        { customerIds: [1], includeSecrets: false, path: file, bundlePassphrase: BUNDLE_PASS }
      ],
      ['bundle.preview', { path: file, bundlePassphrase: BUNDLE_PASS }],
      ['bundle.import', { path: file, BundlePassphrase: BUNDLE_PASS }]
    ] as const) {
      const r = desk(['--db', db, 'call', call, JSON.stringify(payload)], {
        DESK_BUNDLE_PASSPHRASE: BUNDLE_PASS
      })
      expect(r.status, call).toBe(2)
      expect(r.json).toMatchObject({ error: { code: 'PASSPHRASE_IN_ARGUMENTS' } })
    }
    expect(existsSync(file)).toBe(false)
  })
})
