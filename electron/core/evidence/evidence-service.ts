/**
 * Evidence attachments per delivery and stage: adding a file (its type judged by its bytes,
 * kept in the database with its SHA-256), listing them, handing an image to the page for a
 * thumbnail, writing a copy, and removing one. Every change is audited under the delivery
 * with the file's hash, never its bytes, so a removed attachment is still identifiable.
 * SQL is in evidence-repository.ts, file reading in evidence-files.ts; whether a delivery
 * exists is the deliveries domain's to say.
 */
import { resolve } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { DeliveryService } from '../deliveries/delivery-service'
import type { StageKey } from '../stages/stage-definitions'
import { sha256Hex } from '../acceptance/acceptance-files'
import { writeExportFile } from '../shared/atomic-file'
import { readEvidenceFile } from './evidence-files'
import { EvidenceRepository } from './evidence-repository'
import {
  EVIDENCE_IMAGE_MIMES,
  type EvidenceCopy,
  type EvidenceItem,
  type EvidenceMime,
  type EvidencePreview
} from './evidence-types'

type ImageMime = (typeof EVIDENCE_IMAGE_MIMES)[number]

function isImage(mime: EvidenceMime): mime is ImageMime {
  return (EVIDENCE_IMAGE_MIMES as readonly string[]).includes(mime)
}

/** What the audit keeps of an attachment: enough to recognise the file, never its bytes. */
function auditFacts(item: EvidenceItem): Record<string, string | number> {
  return {
    evidenceId: item.id,
    stage: item.stage,
    name: item.name,
    mime: item.mime,
    size: item.size,
    sha256: item.sha256
  }
}

export class EvidenceService {
  private readonly repo: EvidenceRepository
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deliveries: DeliveryService
  ) {
    this.repo = new EvidenceRepository(ctx.db)
    this.tx = {
      add: ctx.db.transaction(
        (
          deliveryId: number,
          stage: StageKey,
          file: { bytes: Buffer; mime: EvidenceMime; name: string }
        ) => this.addNow(deliveryId, stage, file)
      ),
      remove: ctx.db.transaction((id: number) => this.removeNow(id))
    }
  }

  /** Refuses an unknown delivery; asked before an open dialog, so nobody picks a file in vain. */
  assertDelivery(deliveryId: number): void {
    if (this.deliveries.customerIdOf(deliveryId) === null) {
      throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: deliveryId } })
    }
  }

  /**
   * Keeps a PNG, JPEG, PDF or OFD of at most 20 MB as evidence for one stage. The same bytes
   * added to the same stage again are kept once, and the first record is returned.
   */
  async add(deliveryId: number, stage: StageKey, path: string): Promise<EvidenceItem> {
    this.assertDelivery(deliveryId)
    const file = await readEvidenceFile(resolve(path))
    return this.tx.add.immediate(deliveryId, stage, file)
  }

  /** The delivery's attachments in the order they were added, without their bytes. */
  list(deliveryId: number): EvidenceItem[] {
    this.assertDelivery(deliveryId)
    return this.repo.list(deliveryId)
  }

  get(id: number): EvidenceItem {
    const item = this.repo.get(id)
    if (!item) throw new DeskError('NOT_FOUND', { field: 'id', params: { id } })
    return item
  }

  /**
   * An image attachment's bytes for the page to draw a thumbnail from. Decoding happens in
   * the sandboxed page, never here: this process only reads what the bytes start with.
   */
  preview(id: number): EvidencePreview {
    const item = this.get(id)
    if (!isImage(item.mime)) throw new DeskError('EVIDENCE_NO_PREVIEW', { field: 'id' })
    const bytes = this.mustGetData(id)
    return { id, mime: item.mime, dataUrl: `data:${item.mime};base64,${bytes.toString('base64')}` }
  }

  /**
   * Writes a copy of the stored bytes to `path`, whole or not at all. An existing file is
   * replaced only with `overwrite` (the user confirmed it in the save dialog).
   */
  async saveCopy(
    id: number,
    path: string,
    options: { overwrite?: boolean } = {}
  ): Promise<EvidenceCopy> {
    const item = this.get(id)
    const bytes = this.mustGetData(id)
    const target = resolve(path)
    await writeExportFile(target, bytes, { overwrite: options.overwrite === true })
    const sha256 = sha256Hex(bytes)
    recordAudit(this.ctx, 'evidence.copy', 'delivery', item.deliveryId, {
      ...auditFacts(item),
      path: target
    })
    return { path: target, sha256, size: bytes.length }
  }

  /** Deletes the attachment and its bytes; the audit keeps its name, size and SHA-256. */
  remove(id: number): EvidenceItem {
    return this.tx.remove.immediate(id)
  }

  private addNow(
    deliveryId: number,
    stage: StageKey,
    file: { bytes: Buffer; mime: EvidenceMime; name: string }
  ): EvidenceItem {
    const sha256 = sha256Hex(file.bytes)
    const existing = this.repo.bySha256(deliveryId, stage, sha256)
    if (existing) return existing
    const values = {
      deliveryId,
      stage,
      name: file.name,
      mime: file.mime,
      size: file.bytes.length,
      sha256,
      addedAt: this.ctx.now(),
      addedBy: this.ctx.actor()
    }
    const id = this.repo.insert({ ...values, data: file.bytes })
    const item = { id, ...values }
    recordAudit(this.ctx, 'evidence.add', 'delivery', deliveryId, auditFacts(item))
    return item
  }

  private removeNow(id: number): EvidenceItem {
    const item = this.get(id)
    this.repo.remove(id)
    recordAudit(this.ctx, 'evidence.remove', 'delivery', item.deliveryId, auditFacts(item))
    return item
  }

  private mustGetData(id: number): Buffer {
    const bytes = this.repo.data(id)
    if (!bytes) throw new DeskError('NOT_FOUND', { field: 'id', params: { id } })
    return bytes
  }
}
