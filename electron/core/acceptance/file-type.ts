/**
 * The one type sniffer of the acceptance domain: PNG, JPEG or PDF judged by the file's first
 * bytes, never by its name or a declared type. Signatures (PNG/JPEG) and scans of the paper
 * form (PNG/JPEG/PDF) both ask it. No Node imports: the renderer checks signatures with it.
 */

export const SNIFFED_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const
export type SniffedType = (typeof SNIFFED_TYPES)[number]

const MAGIC: readonly { type: SniffedType; bytes: readonly number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] } // %PDF-
]

/** The type the bytes start like, or null for anything else (including too few bytes). */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  for (const { type, bytes: magic } of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type
  }
  return null
}
