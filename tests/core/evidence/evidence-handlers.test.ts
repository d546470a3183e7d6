import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import type { FileDialogs } from '../../../electron/core/core'
import type { EvidenceItem } from '../../../electron/core/evidence/evidence-types'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import { OFD_BYTES, PDF_BYTES, PNG_BYTES } from '../../support/evidence-files'

let t: TempCore
let deliveryId: number

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  const customer = t.core.customers.create(LANZHOU).customer
  deliveryId = t.core.deliveries.create(customer.id, { plannedGoLive: '2026-03-20' }).delivery.id
})
afterEach(() => t.cleanup())

const call = (name: string, payload: unknown) => dispatch(createHandlers(t.core), name, payload)
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

function file(name: string, bytes: Uint8Array): string {
  const path = join(t.dir, name)
  writeFileSync(path, bytes)
  return path
}

/** Dialogs that answer `answer` and record what they were asked. */
function fakeDialogs(answer: string | null) {
  const asked: { defaultName?: string; filters: unknown }[] = []
  const dialogs: FileDialogs = {
    chooseSavePath: async (defaultName, filters) => {
      asked.push({ defaultName, filters })
      return answer
    },
    chooseOpenPath: async (filters) => {
      asked.push({ filters })
      return answer
    }
  }
  t.core.deps.dialogs = dialogs
  return asked
}

async function added(name: string, bytes: Uint8Array): Promise<EvidenceItem> {
  const r = await call('evidence.add', {
    deliveryId,
    stage: 'linglong_config',
    path: file(name, bytes)
  })
  return (r as { result: { item: EvidenceItem } }).result.item
}

describe('evidence calls through the handlers', () => {
  it('adds the file picked in the open dialog, and answers cancelled when it is closed', async () => {
    const path = file('发票.ofd', OFD_BYTES())
    const asked = fakeDialogs(path)
    expect(await call('evidence.add', { deliveryId, stage: 'linglong_config' })).toMatchObject({
      ok: true,
      result: { cancelled: false, item: { name: '发票.ofd', mime: 'application/ofd' } }
    })
    expect(asked).toEqual([
      {
        filters: [
          { name: 'PNG / JPEG / PDF / OFD', extensions: ['png', 'jpg', 'jpeg', 'pdf', 'ofd'] }
        ]
      }
    ])
    fakeDialogs(null)
    expect(await call('evidence.add', { deliveryId, stage: 'activation' })).toEqual({
      ok: true,
      result: { cancelled: true }
    })
    expect(await call('evidence.list', { deliveryId })).toMatchObject({
      ok: true,
      result: [{ name: '发票.ofd' }]
    })
  })

  it('refuses an unknown delivery or stage before any dialog opens', async () => {
    const asked = fakeDialogs(file('a.png', PNG_BYTES()))
    expect(await call('evidence.add', { deliveryId: 999, stage: 'activation' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'deliveryId' }
    })
    expect(await call('evidence.add', { deliveryId, stage: 'payment' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(asked).toEqual([])
  })

  it('saves a copy where the save dialog says, proposing the stored name', async () => {
    const bytes = PDF_BYTES()
    const item = await added('首张发票.pdf', bytes)
    const target = join(t.dir, 'out.pdf')
    writeFileSync(target, 'older copy the dialog asked to replace')
    const asked = fakeDialogs(target)
    expect(await call('evidence.open', { id: item.id })).toEqual({
      ok: true,
      result: { cancelled: false, path: target, sha256: sha256(bytes), size: bytes.length }
    })
    expect(asked).toEqual([
      { defaultName: '首张发票.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }
    ])
    expect(Buffer.compare(readFileSync(target), bytes)).toBe(0)
    // a name typed without an extension gets the type's, and is not replaced unasked
    fakeDialogs(join(t.dir, '发票副本'))
    expect(await call('evidence.open', { id: item.id })).toMatchObject({
      result: { path: join(t.dir, '发票副本.pdf') }
    })
    fakeDialogs(null)
    expect(await call('evidence.open', { id: item.id })).toEqual({
      ok: true,
      result: { cancelled: true }
    })
  })

  it('writes to the path the CLI gives, and needs one where there is no dialog', async () => {
    const item = await added('a.png', PNG_BYTES())
    const path = join(t.dir, 'cli.png')
    expect(await call('evidence.open', { id: item.id, path })).toMatchObject({
      ok: true,
      result: { cancelled: false, path }
    })
    expect(await call('evidence.open', { id: item.id })).toMatchObject({
      ok: false,
      error: { code: 'REQUIRED', field: 'path' }
    })
  })

  it('previews and removes through the contract', async () => {
    const item = await added('a.png', PNG_BYTES())
    expect(await call('evidence.preview', { id: item.id })).toMatchObject({
      ok: true,
      result: { id: item.id, mime: 'image/png' }
    })
    expect(await call('evidence.remove', { id: item.id })).toMatchObject({
      ok: true,
      result: { id: item.id, sha256: item.sha256 }
    })
    expect(await call('evidence.list', { deliveryId })).toEqual({ ok: true, result: [] })
  })

  it('words a refusal in the settings language, with the file name as given', async () => {
    const r = await dispatch(
      createHandlers(t.core),
      'evidence.add',
      { deliveryId, stage: 'activation', path: file('noise.png', Buffer.from('not an image')) },
      { locale: 'zh-CN' }
    )
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'EVIDENCE_TYPE',
        message: '按文件内容判断，「noise.png」不是 PNG、JPEG、PDF 或 OFD 文件，不能作为附件'
      }
    })
  })
})

describe('scans of a paper-signed form, made viewable', () => {
  it('writes a copy of a stored scan (acceptance.openScan), through the dialog or a path', async () => {
    const formId = t.core.acceptance.get(deliveryId).id
    const bytes = PDF_BYTES()
    const scan = await t.core.acceptance.attachScan(formId, file('签字版.pdf', bytes))
    const path = join(t.dir, 'scan-copy.pdf')
    expect(await call('acceptance.openScan', { scanId: scan.id, path })).toEqual({
      ok: true,
      result: { cancelled: false, path, sha256: scan.sha256, size: bytes.length }
    })
    expect(Buffer.compare(readFileSync(path), bytes)).toBe(0)
    const asked = fakeDialogs(join(t.dir, '验收单扫描件'))
    expect(await call('acceptance.openScan', { scanId: scan.id })).toMatchObject({
      result: { path: join(t.dir, '验收单扫描件.pdf') }
    })
    expect(asked[0]?.defaultName).toBe('签字版.pdf')
    const audit = t.core.audit.list({ action: 'acceptance.openScan' }).items
    expect(audit).toHaveLength(2)
    expect(audit[0]?.details).toMatchObject({ scanId: scan.id, sha256: scan.sha256 })
    expect(await call('acceptance.openScan', { scanId: 999, path })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'scanId' }
    })
  })

  it('still takes only PNG, JPEG or PDF as a scan: an OFD is evidence, not a scan', async () => {
    const formId = t.core.acceptance.get(deliveryId).id
    expect(
      await call('acceptance.attachScan', { formId, path: file('a.ofd', OFD_BYTES()) })
    ).toMatchObject({
      ok: false,
      error: { code: 'SCAN_FILE', params: { problem: 'NOT_SUPPORTED' } }
    })
  })
})
