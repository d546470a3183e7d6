import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomBytes, createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { issueMessage } from '../../../electron/core/errors/messages'
import { EVIDENCE_MAX_BYTES } from '../../../electron/core/evidence/evidence-types'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import {
  JPEG_BYTES,
  OFD_BYTES,
  PDF_BYTES,
  PNG_BYTES,
  ZIP_WITHOUT_OFD_XML
} from '../../support/evidence-files'

let t: TempCore
let deliveryId: number

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  const customer = t.core.customers.create(LANZHOU).customer
  deliveryId = t.core.deliveries.create(customer.id, { plannedGoLive: '2026-03-20' }).delivery.id
})
afterEach(() => t.cleanup())

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

function file(name: string, bytes: Uint8Array): string {
  const path = join(t.dir, name)
  writeFileSync(path, bytes)
  return path
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof DeskError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

const storedCount = (): number =>
  (t.core.deps.db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n

describe('adding evidence', () => {
  it('keeps a PNG, a JPEG, a PDF and an OFD per stage, typed by their bytes, with SHA-256', async () => {
    const files: [string, Buffer, string, 'activation' | 'linglong_config'][] = [
      ['激活邮件.png', PNG_BYTES(), 'image/png', 'activation'],
      ['公众号.jpeg', JPEG_BYTES(), 'image/jpeg', 'activation'],
      ['首张发票.pdf', PDF_BYTES(), 'application/pdf', 'linglong_config'],
      ['首张发票.ofd', OFD_BYTES(), 'application/ofd', 'linglong_config']
    ]
    for (const [name, bytes, mime, stage] of files) {
      const item = await t.core.evidence.add(deliveryId, stage, file(name, bytes))
      expect(item).toMatchObject({
        deliveryId,
        stage,
        name,
        mime,
        size: bytes.length,
        sha256: sha256(bytes),
        addedAt: t.core.now(),
        addedBy: '王实施'
      })
      const stored = t.core.deps.db
        .prepare('SELECT data FROM evidence WHERE id = ?')
        .get(item.id) as { data: Buffer }
      expect(Buffer.compare(stored.data, bytes)).toBe(0)
    }
    const list = t.core.evidence.list(deliveryId)
    expect(list.map((i) => [i.name, i.stage])).toEqual(files.map(([n, , , s]) => [n, s]))
    // metadata only: the list never carries the bytes
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(
      ['addedAt', 'addedBy', 'deliveryId', 'id', 'mime', 'name', 'sha256', 'size', 'stage'].sort()
    )
  })

  it('keeps the same file once per stage, and again for another stage', async () => {
    const path = file('a.png', PNG_BYTES())
    const first = await t.core.evidence.add(deliveryId, 'activation', path)
    expect(await t.core.evidence.add(deliveryId, 'activation', path)).toEqual(first)
    await t.core.evidence.add(deliveryId, 'backend_config', path)
    expect(t.core.evidence.list(deliveryId).map((i) => i.stage)).toEqual([
      'activation',
      'backend_config'
    ])
    expect(t.core.audit.list({ action: 'evidence.add' }).items).toHaveLength(2)
  })

  it('audits an addition with the hash and never the bytes', async () => {
    const bytes = PNG_BYTES()
    const item = await t.core.evidence.add(deliveryId, 'activation', file('a.png', bytes))
    const [entry] = t.core.audit.list({
      entityType: 'delivery',
      entityId: deliveryId,
      action: 'evidence.add'
    }).items
    expect(entry?.details).toEqual({
      evidenceId: item.id,
      stage: 'activation',
      name: 'a.png',
      mime: 'image/png',
      size: bytes.length,
      sha256: sha256(bytes)
    })
  })
})

describe('refusing a file as evidence', () => {
  it('refuses a PNG renamed .pdf, naming the type its bytes say', async () => {
    const e = await refusal(
      t.core.evidence.add(deliveryId, 'linglong_config', file('发票.pdf', PNG_BYTES()))
    )
    expect(e).toMatchObject({
      code: 'EVIDENCE_NAME_MISMATCH',
      field: 'path',
      params: { name: '发票.pdf', actual: 'png' }
    })
    expect(issueMessage('errors', e.code, e.params, 'zh-CN')).toContain('.png')
    // a name that says nothing about the type is judged by the bytes alone
    const item = await t.core.evidence.add(deliveryId, 'activation', file('截图', PNG_BYTES()))
    expect(item.mime).toBe('image/png')
  })

  it('refuses a file one byte over 20 MB and takes one of exactly 20 MB', async () => {
    const big = file('big.png', PNG_BYTES())
    truncateSync(big, EVIDENCE_MAX_BYTES + 1)
    const e = await refusal(t.core.evidence.add(deliveryId, 'activation', big))
    expect(e).toMatchObject({ code: 'EVIDENCE_TOO_LARGE', params: { name: 'big.png', maxMb: 20 } })
    expect(issueMessage('errors', e.code, e.params, 'en')).toBe(
      '“big.png” is larger than 20 MB; it cannot be attached'
    )
    truncateSync(big, EVIDENCE_MAX_BYTES)
    expect((await t.core.evidence.add(deliveryId, 'activation', big)).size).toBe(EVIDENCE_MAX_BYTES)
  })

  it('refuses random bytes, a ZIP without OFD.xml, and an empty file', async () => {
    const random = await refusal(
      t.core.evidence.add(deliveryId, 'activation', file('noise.bin', randomBytes(4096)))
    )
    expect(random).toMatchObject({ code: 'EVIDENCE_TYPE', params: { name: 'noise.bin' } })
    const zip = await refusal(
      t.core.evidence.add(deliveryId, 'linglong_config', file('发票.ofd', ZIP_WITHOUT_OFD_XML()))
    )
    expect(zip).toMatchObject({ code: 'EVIDENCE_TYPE', params: { name: '发票.ofd' } })
    const empty = await refusal(
      t.core.evidence.add(deliveryId, 'activation', file('e.png', new Uint8Array()))
    )
    expect(empty.code).toBe('EVIDENCE_EMPTY')
    expect(storedCount()).toBe(0)
  })

  it('refuses a path that is not a readable file, and an unknown delivery', async () => {
    expect(
      await refusal(t.core.evidence.add(deliveryId, 'activation', join(t.dir, 'gone.png')))
    ).toMatchObject({ code: 'FILE_NOT_READABLE' })
    expect(await refusal(t.core.evidence.add(deliveryId, 'activation', t.dir))).toMatchObject({
      code: 'FILE_NOT_READABLE'
    })
    expect(
      await refusal(t.core.evidence.add(999, 'activation', file('a.png', PNG_BYTES())))
    ).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' })
  })
})

describe('opening, previewing and removing evidence', () => {
  it('writes a byte-identical copy, never replacing a file without consent', async () => {
    const bytes = PDF_BYTES()
    const item = await t.core.evidence.add(
      deliveryId,
      'linglong_config',
      file('首张发票.pdf', bytes)
    )
    const target = join(t.dir, 'copy', '..', 'copy.pdf')
    const copy = await t.core.evidence.saveCopy(item.id, target)
    expect(copy).toEqual({ path: join(t.dir, 'copy.pdf'), sha256: item.sha256, size: bytes.length })
    expect(Buffer.compare(readFileSync(copy.path), bytes)).toBe(0)
    writeFileSync(copy.path, 'changed')
    expect(await refusal(t.core.evidence.saveCopy(item.id, copy.path))).toMatchObject({
      code: 'FILE_EXISTS'
    })
    expect(readFileSync(copy.path, 'utf8')).toBe('changed')
    await t.core.evidence.saveCopy(item.id, copy.path, { overwrite: true })
    expect(sha256(readFileSync(copy.path))).toBe(item.sha256)
    // no temp file is left beside it
    expect(readdirSync(t.dir).filter((n) => n.startsWith('.desk-'))).toEqual([])
    const audit = t.core.audit.list({ action: 'evidence.copy' }).items
    expect(audit[0]?.details).toMatchObject({ sha256: item.sha256, path: copy.path })
  })

  it('hands an image to the page as a data URL, and refuses one for a PDF', async () => {
    const png = PNG_BYTES()
    const image = await t.core.evidence.add(deliveryId, 'activation', file('a.png', png))
    const preview = t.core.evidence.preview(image.id)
    expect(preview.mime).toBe('image/png')
    expect(preview.dataUrl.startsWith('data:image/png;base64,')).toBe(true)
    expect(Buffer.compare(Buffer.from(preview.dataUrl.split(',')[1] ?? '', 'base64'), png)).toBe(0)
    const pdf = await t.core.evidence.add(deliveryId, 'activation', file('a.pdf', PDF_BYTES()))
    expect(() => t.core.evidence.preview(pdf.id)).toThrow(
      expect.objectContaining({ code: 'EVIDENCE_NO_PREVIEW' })
    )
  })

  it('removes an attachment and its bytes, keeping its hash in the audit', async () => {
    const bytes = JPEG_BYTES()
    const item = await t.core.evidence.add(deliveryId, 'activation', file('公众号.jpg', bytes))
    expect(t.core.evidence.remove(item.id)).toEqual(item)
    expect(t.core.evidence.list(deliveryId)).toEqual([])
    expect(storedCount()).toBe(0)
    const [entry] = t.core.audit.list({ action: 'evidence.remove' }).items
    expect(entry).toMatchObject({
      entityType: 'delivery',
      entityId: deliveryId,
      actor: '王实施',
      details: {
        evidenceId: item.id,
        name: '公众号.jpg',
        sha256: sha256(bytes),
        size: bytes.length
      }
    })
    expect(() => t.core.evidence.remove(item.id)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    )
    expect(await refusal(t.core.evidence.saveCopy(item.id, join(t.dir, 'x.jpg')))).toMatchObject({
      code: 'NOT_FOUND'
    })
    expect(existsSync(join(t.dir, 'x.jpg'))).toBe(false)
  })

  it('goes with its delivery', async () => {
    await t.core.evidence.add(deliveryId, 'activation', file('a.png', PNG_BYTES()))
    t.core.deps.db.prepare('DELETE FROM stage_progress WHERE delivery_id = ?').run(deliveryId)
    t.core.deps.db.prepare('DELETE FROM deliveries WHERE id = ?').run(deliveryId)
    expect(storedCount()).toBe(0)
  })
})
