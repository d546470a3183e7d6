/**
 * Scans of a paper-signed form made viewable: a stored scan written back to disk as a copy,
 * whole or not at all, and audited under the delivery with its hash and where it went.
 */
import { resolve } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { sha256Hex } from './acceptance-files'
import { writeExportFile } from '../shared/atomic-file'
import type { AcceptanceRepository } from './acceptance-repository'

export class AcceptanceScanCopies {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: AcceptanceRepository
  ) {}

  /** The name a copy gets by default: the one the scan was attached under. */
  fileName(scanId: number): string {
    return this.mustGet(scanId).fileName
  }

  /** Writes the scan's bytes to `path`; an existing file is replaced only with `overwrite`. */
  async save(
    scanId: number,
    path: string,
    options: { overwrite?: boolean } = {}
  ): Promise<{ path: string; sha256: string; size: number }> {
    const scan = this.mustGet(scanId)
    const target = resolve(path)
    await writeExportFile(target, scan.data, { overwrite: options.overwrite === true })
    recordAudit(this.ctx, 'acceptance.openScan', 'delivery', scan.deliveryId, {
      scanId,
      formId: scan.formId,
      formNumber: scan.formNumber,
      version: scan.version,
      fileName: scan.fileName,
      sha256: scan.sha256,
      path: target
    })
    return { path: target, sha256: sha256Hex(scan.data), size: scan.data.length }
  }

  private mustGet(scanId: number) {
    const scan = this.repo.scanFile(scanId)
    if (!scan) throw new DeskError('NOT_FOUND', { field: 'scanId', params: { id: scanId } })
    return scan
  }
}
