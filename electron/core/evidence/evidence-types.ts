/**
 * What the evidence calls return: attachments an implementer keeps per delivery and stage
 * (the activation mail, 公众号 status, the 运维平台 screen, the first invoice). Their bytes
 * stay in the database; these types carry only what describes them. Types only (no Node
 * imports), so the renderer and the acceptance form can use them.
 */
import type { StageKey } from '../stages/stage-definitions'

export const EVIDENCE_MIMES = [
  'image/png',
  'image/jpeg',
  'application/pdf',
  'application/ofd'
] as const
export type EvidenceMime = (typeof EVIDENCE_MIMES)[number]

/** The two kinds a thumbnail can be drawn from; PDF and OFD are listed by name. */
export const EVIDENCE_IMAGE_MIMES = ['image/png', 'image/jpeg'] as const

/** A screenshot or an invoice file fits easily; 20 MB keeps the database lean. */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024

/** One attachment, without its bytes. */
export interface EvidenceItem {
  id: number
  deliveryId: number
  stage: StageKey
  /** the file's name when it was added (no folder) */
  name: string
  /** judged by the file's bytes, never by its name */
  mime: EvidenceMime
  size: number
  /** hex SHA-256 of the stored bytes */
  sha256: string
  /** ISO-8601 UTC */
  addedAt: string
  /** the implementer name from settings at the time */
  addedBy: string
}

export type Cancelled = { cancelled: true }

export type EvidenceAddResult = Cancelled | { cancelled: false; item: EvidenceItem }

/** A copy written to disk: where, and the hash of what was written. */
export interface EvidenceCopy {
  path: string
  sha256: string
  size: number
}

export type EvidenceOpenResult = Cancelled | ({ cancelled: false } & EvidenceCopy)

/** An image's bytes for the sandboxed page to draw a thumbnail from (never decoded in main). */
export interface EvidencePreview {
  id: number
  mime: (typeof EVIDENCE_IMAGE_MIMES)[number]
  /** `data:<mime>;base64,…` */
  dataUrl: string
}
