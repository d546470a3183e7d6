/**
 * What crosses the contract for handover bundles (交接包): the three requests' schemas and
 * their answers. Without `path` the main process asks in a native dialog (the page never
 * names a path); an import without `path` reads the file the last preview chose.
 */
import { z } from 'zod'
import { filePath } from '../contract/file-path'

/** What to do with a bundle customer whose tax ID is already here. */
export const BUNDLE_CHOICES = ['skip', 'replace', 'keep_both'] as const
export type BundleChoice = (typeof BUNDLE_CHOICES)[number]

/** The file extension of a bundle (交接包). */
export const BUNDLE_EXTENSION = 'ddbundle'

const bundlePassphrase = z.string().max(1024)

export const bundleExportRequest = z
  .object({
    customerIds: z.array(z.number().int().positive()).min(1).max(10_000),
    includeSecrets: z.boolean(),
    path: filePath.optional(),
    overwrite: z.boolean().optional(),
    bundlePassphrase
  })
  .strict()

export const bundlePreviewRequest = z
  .object({ path: filePath.optional(), bundlePassphrase })
  .strict()

export const bundleImportRequest = z
  .object({
    path: filePath.optional(),
    bundlePassphrase,
    choices: z
      .array(
        z.object({ taxId: z.string().min(1).max(64), action: z.enum(BUNDLE_CHOICES) }).strict()
      )
      .max(100_000)
      .default([])
  })
  .strict()

export interface BundleCounts {
  customers: number
  deliveries: number
  incidents: number
  forms: number
  evidence: number
  secrets: number
  /** exported .docx/.pdf files carried along */
  files: number
}

export type BundleExportResult =
  { cancelled: true } | { cancelled: false; path: string; size: number; counts: BundleCounts }

export interface BundlePreviewCustomer {
  taxId: string
  name: string
  deliveries: number
  incidents: number
  forms: number
  evidence: number
  secrets: number
  /** the customer here with the same tax ID, when there is one */
  conflict: { customerId: number; name: string } | null
  /** form numbers of the bundle already used by another customer's forms here */
  formNumbersTaken: string[]
}

export type BundlePreview =
  | { cancelled: true }
  | {
      cancelled: false
      fileName: string
      createdAt: string
      appVersion: string
      includesSecrets: boolean
      customers: BundlePreviewCustomer[]
      counts: BundleCounts
    }

export interface BundleImportOutcome {
  taxId: string
  name: string
  customerId: number | null
  result: 'added' | 'replaced' | 'kept_both' | 'skipped'
}

export type BundleImportResult =
  | { cancelled: true }
  | {
      cancelled: false
      customers: BundleImportOutcome[]
      /** written rows by kind (customers replaced count once) */
      counts: BundleCounts
      /** the backup taken before anything was written, null when there was nothing to back up */
      backupId: string | null
    }
