/**
 * Handover bundles (交接包): chosen customers with everything recorded about them, sealed
 * into one file with a bundle passphrase (backup/sealed-file.ts, kind 'bundle'), and read on
 * another laptop: refused with nothing written when the passphrase is wrong or a byte
 * changed, previewed (what is added, what conflicts by tax ID), then imported all or none
 * after a backup. Rows come from and go to each domain's transfer module (bundle-domains.ts).
 */
import { existsSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { LATEST_SCHEMA_VERSION } from '../db/database-check'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { assertAcceptablePassphrase } from '../vault/passphrase-strength'
import {
  DEFAULT_SEAL_SCRYPT,
  openSealed,
  readSealedHeader,
  sealToFile,
  type SealedHeader,
  type SealScryptParams
} from '../backup/sealed-file'
import type { BackupEntry } from '../backup/backup-types'
import type { BundleDomains } from './bundle-domains'
import {
  BUNDLE_FORMAT,
  BundleParts,
  decodeBundle,
  encodeBundle,
  type BundleDocument
} from './bundle-document'
import { collectCustomers, countCustomers } from './bundle-export'
import { applyImport, deliveriesToWrite, planImport, type PlannedCustomer } from './bundle-import'
import { BundleSecretKey } from './bundle-secrets'
import { StagedFiles } from './bundle-files'
import type {
  BundleChoice,
  BundleCounts,
  BundleImportOutcome,
  BundlePreviewCustomer
} from './bundle-types'

export interface BundleServiceOptions {
  dbPath: string
  appVersion: string
  /** a checked backup before an import writes anything (core.backups.backupBeforeImport) */
  backupBeforeImport: () => Promise<BackupEntry | null>
  /** scrypt cost of the bundle key; tests lower it, the app keeps the default */
  scrypt?: SealScryptParams
}

/** A bundle opened with its passphrase: header, document and binary parts. */
interface OpenedBundle {
  header: SealedHeader
  doc: BundleDocument
  parts: Buffer[]
}

async function* asAsync(pieces: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* pieces
}

/** A refusal from the sealed file, or a file system error, in the bundle's words. */
function bundleRefusal(error: unknown, path: string): unknown {
  if (error instanceof DeskError) {
    if (error.code === 'BACKUP_BAD_PASSPHRASE') {
      return new DeskError('BUNDLE_BAD_PASSPHRASE', { field: 'bundlePassphrase' })
    }
    if (error.code === 'BACKUP_DAMAGED') {
      return new DeskError('BUNDLE_DAMAGED', { field: 'path', params: error.params ?? {} })
    }
    return error
  }
  const code = (error as NodeJS.ErrnoException | null)?.code
  // any file system refusal (missing, a folder, too long a name…) or a path Node will not take
  if (typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('ERR_INVALID_ARG'))) {
    return new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path } })
  }
  return error
}

/** A NUL byte cannot be in a file name: refused before anything is read or written. */
function assertUsablePath(path: string, code: 'FILE_NOT_READABLE' | 'FILE_WRITE_FAILED'): void {
  if (path.includes('\u0000')) {
    const shown = path.split('\u0000').join('\\0')
    throw new DeskError(code, { field: 'path', params: { path: shown, reason: 'EINVAL' } })
  }
}

export class BundleService {
  private readonly scrypt: SealScryptParams
  /** the file the last preview read: an import without a path reads this one (the app's dialog) */
  private previewed: string | null = null

  constructor(
    private readonly ctx: ServiceContext,
    private readonly domains: BundleDomains,
    private readonly options: BundleServiceOptions
  ) {
    this.scrypt = options.scrypt ?? DEFAULT_SEAL_SCRYPT
  }

  /** `handover/` beside the database: where exported files carried by a bundle land. */
  get filesDir(): string {
    return join(dirname(resolve(this.options.dbPath)), 'handover')
  }

  /** The name the save dialog proposes. */
  defaultFileName(): string {
    return `交接包-${this.ctx.today()}.ddbundle`
  }

  async export(
    request: { customerIds: number[]; includeSecrets: boolean; bundlePassphrase: string },
    target: string,
    overwrite = true
  ): Promise<{ path: string; size: number; counts: BundleCounts }> {
    // refused before a secret is read (and audited), not after
    assertUsablePath(target, 'FILE_WRITE_FAILED')
    if (!overwrite && existsSync(target)) {
      throw new DeskError('FILE_EXISTS', { field: 'path', params: { path: target } })
    }
    await assertAcceptablePassphrase(request.bundlePassphrase, 'bundlePassphrase')
    if (request.includeSecrets) this.domains.credentials.requireUnlocked()
    const secretKey = request.includeSecrets
      ? await BundleSecretKey.create(request.bundlePassphrase, this.scrypt)
      : null
    try {
      const parts = new BundleParts()
      // one read transaction: the customers, their rows and secrets as of one moment
      const { customers, counts } = this.ctx.db.transaction(() =>
        collectCustomers(this.domains, request.customerIds, secretKey, parts)
      )()
      const doc: BundleDocument = {
        format: BUNDLE_FORMAT,
        schemaVersion: LATEST_SCHEMA_VERSION,
        createdAt: this.ctx.now(),
        appVersion: this.options.appVersion,
        secretsKdf: secretKey && counts.secrets > 0 ? secretKey.kdf : null,
        customers,
        parts: parts.index
      }
      try {
        await sealToFile(target, asAsync(encodeBundle(doc, parts.list)), {
          passphrase: request.bundlePassphrase,
          kind: 'bundle',
          createdAt: doc.createdAt,
          appVersion: this.options.appVersion,
          meta: { format: BUNDLE_FORMAT, counts },
          scrypt: this.scrypt,
          write: { mode: 0o600, overwrite }
        })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EEXIST')
          throw new DeskError('FILE_EXISTS', { field: 'path', params: { path: target } })
        if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
          throw new DeskError('FILE_WRITE_FAILED', {
            field: 'path',
            params: { path: target, reason: code }
          })
        }
        throw error
      }
      recordAudit(this.ctx, 'bundle.export', 'bundle', null, {
        fileName: basename(target),
        ...counts
      })
      return { path: target, size: statSync(target).size, counts }
    } finally {
      secretKey?.wipe()
    }
  }

  /** Reads, authenticates and decodes a bundle; nothing is written. */
  private async open(path: string, passphrase: string): Promise<OpenedBundle> {
    assertUsablePath(path, 'FILE_NOT_READABLE')
    let header: SealedHeader
    const chunks: Buffer[] = []
    try {
      header = (await readSealedHeader(path)).header
      if (header.kind !== 'bundle') {
        throw new DeskError('BUNDLE_NOT_A_BUNDLE', { field: 'path', params: { kind: header.kind } })
      }
      for await (const chunk of openSealed(path, passphrase)) chunks.push(chunk)
    } catch (error) {
      for (const c of chunks) c.fill(0)
      throw bundleRefusal(error, path)
    }
    const bytes = Buffer.concat(chunks)
    for (const c of chunks) c.fill(0)
    const { doc, parts } = decodeBundle(bytes)
    if (doc.schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new DeskError('BUNDLE_NEWER_FORMAT', { field: 'path' })
    }
    return { header, doc, parts }
  }

  /** What an import would add and what conflicts; the file is remembered for the import. */
  async preview(path: string, passphrase: string) {
    const { header, doc } = await this.open(path, passphrase)
    this.previewed = path
    const plan = planImport(this.domains, doc.customers, null)
    return {
      fileName: basename(path),
      createdAt: header.createdAt,
      appVersion: header.appVersion,
      includesSecrets: doc.customers.some((c) => c.secrets.length > 0),
      customers: plan.map(previewRow),
      counts: countCustomers(doc.customers)
    }
  }

  /** The file the last preview read, for an import chosen in the app (no path from the page). */
  previewedPath(): string {
    if (!this.previewed) throw new DeskError('BUNDLE_NOT_PREVIEWED', { field: 'path' })
    return this.previewed
  }

  /**
   * Imports the bundle: every check first (passphrase, integrity, choices, form numbers, the
   * vault when secrets come along), then a backup, then every row in one transaction; the
   * carried files reach their final names only after the commit.
   */
  async import(
    path: string,
    passphrase: string,
    choices: readonly { taxId: string; action: BundleChoice }[]
  ): Promise<{ customers: BundleImportOutcome[]; counts: BundleCounts; backupId: string | null }> {
    const { doc, parts } = await this.open(path, passphrase)
    const chosen = new Map(choices.map((c) => [c.taxId, c.action]))
    const plan = planImport(this.domains, doc.customers, chosen)
    const writing = plan.filter((p) => p.action !== 'skip')
    const withSecrets = writing.some((p) => p.entry.secrets.length > 0)
    const unlocked = withSecrets ? this.domains.credentials.requireUnlockedForImport() : null
    const secretKey =
      withSecrets && doc.secretsKdf ? await BundleSecretKey.open(passphrase, doc.secretsKdf) : null
    try {
      const backup = writing.length > 0 ? await this.options.backupBeforeImport() : null
      StagedFiles.clean(this.filesDir)
      const files = new StagedFiles(this.filesDir)
      try {
        await this.stageFiles(writing, parts, files)
        const result = this.ctx.db
          .transaction(() => {
            const applied = applyImport(
              {
                domains: this.domains,
                parts,
                secretKey,
                unlocked,
                filePath: (i) => files.pathFor(i)
              },
              plan
            )
            recordAudit(this.ctx, 'bundle.import', 'bundle', null, {
              fileName: basename(path),
              ...applied.counts
            })
            return applied
          })
          .immediate()
        await files.commit()
        return { customers: result.outcomes, counts: result.counts, backupId: backup?.id ?? null }
      } catch (error) {
        await files.discard()
        throw error
      }
    } finally {
      secretKey?.wipe()
    }
  }

  private async stageFiles(
    plan: readonly PlannedCustomer[],
    parts: readonly Buffer[],
    files: StagedFiles
  ): Promise<void> {
    for (const p of plan) {
      for (const d of deliveriesToWrite(p)) {
        for (const e of d.exports) {
          const bytes = e.part === null ? undefined : parts[e.part]
          if (e.part !== null && bytes) await files.stage(e.part, bytes, e.path)
        }
      }
    }
  }
}

function previewRow(p: PlannedCustomer): BundlePreviewCustomer {
  const { entry } = p
  return {
    taxId: entry.customer.tax_id,
    name: entry.customer.name,
    deliveries: entry.deliveries.length,
    incidents: entry.incidents.length,
    forms: entry.deliveries.reduce((n, d) => n + d.forms.length, 0),
    evidence: entry.deliveries.reduce((n, d) => n + d.evidence.length, 0),
    secrets: entry.secrets.length,
    conflict: p.conflict,
    formNumbersTaken: p.formNumbersTaken
  }
}
