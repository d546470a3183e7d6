/**
 * Issue 12's proof that no secret reaches the disk: a whole working session, scripted through
 * the contract's one dispatch as the app's transports run it (set up the vault, store the five
 * keys, replace some, hand them over, export the form and the reports, back up locally and
 * sealed to an external folder, change the passphrase, delete and purge, lock), with the app's
 * logger writing every call. Then every file the session produced (database, WAL, SHM,
 * backups, sealed copies, settings, logs, the clipboard note, exports, and zip entries of the
 * .docx/.xlsx) is searched for every secret value, passphrase and key, in UTF-8, UTF-16, hex
 * and base64.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { CallName } from '../../../electron/core/contract/call-names'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { createHandlers } from '../../../electron/core/handlers'
import { openNodeCore } from '../../../electron/core/node-core'
import { createFileLogger } from '../../../electron/core/log/logger'
import type { Core, FileDialogs, SecretSurface } from '../../../electron/core/core'
import type { AcceptanceRecord } from '../../../electron/core/acceptance/acceptance-types'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import {
  CLIPBOARD_MARKER_FILE,
  writeClipboardMarker
} from '../../../electron/core/vault/clipboard-marker'
import { manifestKey } from '../../../electron/core/vault/vault-crypto'
import { LANZHOU, SHENZHEN } from '../../support/temp-core'
import { encodings, filesUnder, findLeaks } from '../../support/secret-scan'
import { FakeOsKeyProvider, FAST_SCRYPT, liveDataKey } from './vault-fixture'

let root = ''
let core: Core | null = null
afterEach(() => {
  if (core?.deps.db.open) core.deps.db.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

const PASSPHRASE = 'DiskScan-口令-Passphrase-7731'
const NEW_PASSPHRASE = 'DiskScan-second-passphrase-8842'
const BACKUP_PASSPHRASE = 'DiskScan-backup-seal-passphrase-5150'
const BUNDLE_PASSPHRASE = 'DiskScan-handover-bundle-passphrase-6262'
const SECRETS = {
  clientId: 'PDiskScanClientId-4f1c-9e2a-k2',
  clientSecret: 'DiskScanClientSecret-0b8d7c6e5f4a3b2c1d',
  encryptKey: 'DiskScanEnc9Key7',
  fkey: 'DiskScanFkey-密钥-6a5b4c3d2e1f',
  fpublicKey: 'DiskScanFpublicKey-MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE'
}
const REPLACED = {
  clientSecret: 'DiskScanOldClientSecret-replaced-99',
  fkey: 'DiskScanOldFkey-replaced-密钥-42'
}
const OTHER = {
  first: 'DiskScanOtherCustomerFkey-77',
  second: 'DiskScanOtherCustomerFkey-second-88',
  afterRotation: 'DiskScanStoredAfterRotation-31'
}

describe('secrets on disk after a full session', () => {
  it('leaves no secret, passphrase or key in any file the session wrote, in any encoding', async () => {
    root = mkdtempSync(join(tmpdir(), 'desk-disk-scan-'))
    const data = join(root, 'data')
    const exports = join(root, 'exports')
    const external = join(root, 'external-backups')
    for (const dir of [data, exports, external]) mkdirSync(dir)

    // the main process's adapters, as stand-ins that keep what they are given in memory
    const dialogs: FileDialogs = {
      chooseSavePath: async (name) => join(exports, name),
      chooseOpenPath: async () => null,
      chooseFolder: async () => external
    }
    let clipboard = ''
    const secrets: SecretSurface = {
      copy: async (text) => {
        clipboard = text
        return { concealed: true }
      },
      guardScreen: () => undefined,
      flush: () => {
        clipboard = ''
      }
    }
    let now = Date.parse('2026-03-02T08:00:00.000Z')
    core = openNodeCore(join(data, 'desk.sqlite'), {
      clock: () => new Date((now += 1000)),
      scryptParams: FAST_SCRYPT,
      osKeyProvider: new FakeOsKeyProvider(),
      dialogs,
      secrets
    })
    const log = createFileLogger(join(data, 'logs', 'main.log'))
    const handlers = createHandlers(core)
    /** every file the session wrote outside the data folder, by the call that wrote it */
    const produced: string[] = []
    const call = async <T = unknown>(name: CallName, payload: unknown = {}): Promise<T> => {
      // more than the app logs (it logs failures): each call with its payload, through redaction
      log.info(`call ${name}`, { payload })
      const envelope = await dispatch(handlers, name, payload, {
        onInternalError: (n, error) => log.error(`call ${n} failed`, error)
      })
      if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`)
      return envelope.result as T
    }

    await call('settings.update', { implementerName: '王实施', maxUnlockedHours: 4 })
    const a = (await call<{ customer: { id: number } }>('customers.create', LANZHOU)).customer.id
    const b = (await call<{ customer: { id: number } }>('customers.create', SHENZHEN)).customer.id
    const delivery = (
      await call<{ delivery: { id: number } }>('deliveries.create', {
        customerId: a,
        orderNumber: 'SO-2026-0042',
        plannedGoLive: '2026-03-20'
      })
    ).delivery.id

    // the vault, the five keys, two of them replaced (the old values become history)
    await call('vault.setup', { passphrase: PASSPHRASE })
    await call('vault.setOsUnlock', { enabled: true })
    const firstKey = Buffer.from(liveDataKey(core.vault) ?? Buffer.alloc(0))
    expect(firstKey).toHaveLength(32)
    await call('credentials.setMany', {
      customerId: a,
      values: { ...SECRETS, ...REPLACED },
      deliveryId: delivery
    })
    await call('credentials.set', {
      customerId: a,
      field: 'clientSecret',
      value: SECRETS.clientSecret
    })
    await call('credentials.set', { customerId: a, field: 'fkey', value: SECRETS.fkey })
    await call('credentials.set', { customerId: b, field: 'fkey', value: OTHER.first })
    await call('credentials.set', { customerId: b, field: 'fkey', value: OTHER.second })
    for (const field of CREDENTIAL_FIELD_KEYS) {
      const shown = await call<{ value: string }>('credentials.reveal', { customerId: a, field })
      expect(shown.value).toBe(SECRETS[field])
      await call('credentials.copy', { customerId: a, field })
      expect(clipboard).toBe(SECRETS[field])
    }
    writeClipboardMarker(join(data, CLIPBOARD_MARKER_FILE), SECRETS.fkey, '2026-03-02')
    const handoff = await call<{ message: string }>('credentials.handoff', {
      customerId: a,
      deliveryId: delivery,
      channel: 'wechat'
    })
    expect(handoff.message).toContain(SECRETS.clientSecret)

    // the acceptance form and the reports, exported where the save dialog points
    const form = await call<AcceptanceRecord>('acceptance.get', { deliveryId: delivery })
    const filled = structuredClone(form.form)
    filled.project.goLiveDate = '2026-03-18'
    filled.checklist = filled.checklist.map((row) =>
      row.result === null
        ? { ...row, result: 'na' as const, decidedBy: 'implementer' as const }
        : row
    )
    filled.conclusion = 'pass'
    filled.remarks = `客户密钥已交接（${handoff.message.length} 字）`
    filled.signatures.customer.signerName = '张伟'
    await call('acceptance.save', { formId: form.id, form: filled })
    const docx = await call<{ path: string }>('acceptance.export', { formId: form.id })
    produced.push(docx.path)
    for (const kind of ['customers', 'deliveries', 'incidents'] as const) {
      produced.push((await call<{ path: string }>('reports.exportXlsx', { kind })).path)
    }
    await call('reports.weekly')

    // backups: local, and sealed into the external folder
    await call('backup.setFolder')
    await call('backup.create', { sealed: true, passphrase: BACKUP_PASSPHRASE })

    // a new passphrase rotates the data key; a value stored after it; another sealed copy
    await call('vault.changePassphrase', {
      oldPassphrase: PASSPHRASE,
      newPassphrase: NEW_PASSPHRASE
    })
    const rotatedKey = Buffer.from(liveDataKey(core.vault) ?? Buffer.alloc(0))
    expect(rotatedKey.equals(firstKey)).toBe(false)
    await call('credentials.set', { customerId: b, field: 'clientId', value: OTHER.afterRotation })
    await call('backup.create', { sealed: true, passphrase: BACKUP_PASSPHRASE })

    // a secret deleted, an archived customer's history purged, then locked and unlocked again
    await call('credentials.delete', { customerId: a, field: 'encryptKey' })
    await call('customers.archive', { id: b })
    await call('credentials.purgeHistory', { customerId: b })
    await call('vault.lock')
    await call('vault.unlockWithOs')
    await call('vault.unlock', { passphrase: NEW_PASSPHRASE })
    // a handover bundle with the secrets (re-sealed under the bundle passphrase), to the exports
    const bundle = await call<{ cancelled: boolean; path: string }>('bundle.export', {
      customerIds: [a],
      includeSecrets: true,
      bundlePassphrase: BUNDLE_PASSPHRASE
    })
    expect(bundle.cancelled).toBe(false)
    produced.push(bundle.path)
    await call('vault.lock')

    const needles: Record<string, string | Buffer> = {
      ...SECRETS,
      replacedClientSecret: REPLACED.clientSecret,
      replacedFkey: REPLACED.fkey,
      otherFirst: OTHER.first,
      otherSecond: OTHER.second,
      otherAfterRotation: OTHER.afterRotation,
      passphrase: PASSPHRASE,
      newPassphrase: NEW_PASSPHRASE,
      backupPassphrase: BACKUP_PASSPHRASE,
      bundlePassphrase: BUNDLE_PASSPHRASE,
      handoffMessage: handoff.message,
      firstKey,
      rotatedKey,
      firstManifestKey: manifestKey(firstKey),
      rotatedManifestKey: manifestKey(rotatedKey)
    }

    // what the session wrote, all of it under the session's folder
    const written = filesUnder(root).map((f) => relative(root, f))
    expect(written).toEqual(
      expect.arrayContaining([
        'data/desk.sqlite',
        'data/desk.sqlite-wal',
        'data/desk.sqlite-shm',
        'data/settings.json',
        'data/logs/main.log',
        `data/${CLIPBOARD_MARKER_FILE}`,
        ...produced.map((f) => relative(root, f))
      ])
    )
    expect(
      written.filter((f) => f.startsWith('data/backups/') && f.endsWith('.sqlite')).length
    ).toBe(2)
    expect(written.filter((f) => f.startsWith('external-backups/')).length).toBe(2)
    expect(produced.filter((f) => f.endsWith('.docx'))).toHaveLength(1)
    expect(produced.filter((f) => f.endsWith('.xlsx'))).toHaveLength(3)
    expect(produced.filter((f) => f.endsWith('.ddbundle'))).toHaveLength(1)

    // the scan finds what it looks for: customer data in the database, the backups, the form
    // and the reports (inside their zip entries)
    const found = findLeaks(root, { name: LANZHOU.name })
    for (const where of ['data/desk.sqlite', 'data/backups/', 'exports/']) {
      expect(
        found.some((hit) => hit.includes(join(root, where))),
        where
      ).toBe(true)
    }
    expect(found.some((hit) => hit.includes('.docx!word/document.xml'))).toBe(true)

    // the log saw every payload, secrets replaced by the logger's redaction
    const logText = readFileSync(join(data, 'logs', 'main.log'), 'utf8')
    expect(logText).toContain('call credentials.setMany')
    expect(logText).toContain('[redacted]')

    // while the database is open, its WAL and SHM are scanned too
    expect(findLeaks(root, needles)).toEqual([])
    core.deps.db.close()
    expect(findLeaks(root, needles)).toEqual([])
  })

  it('finds a planted secret in each encoding it searches for', () => {
    root = mkdtempSync(join(tmpdir(), 'desk-disk-scan-'))
    const secret = SECRETS.fkey
    const forms = encodings(secret)
    // a plaintext inside a longer base64 text, at each byte offset
    for (const pad of ['', 'x', 'xy']) {
      forms.push(Buffer.from(Buffer.from(`head${pad}${secret}tail`).toString('base64')))
    }
    forms.forEach((form, i) => {
      writeFileSync(join(root, `planted-${i}.bin`), Buffer.concat([Buffer.from('noise '), form]))
    })
    const hits = findLeaks(root, { fkey: secret })
    expect(hits).toHaveLength(forms.length)
    expect(findLeaks(root, { absent: 'DiskScanNeverWritten-0000' })).toEqual([])
  })
})
