/**
 * The one type sniffer: PNG, JPEG, PDF or OFD judged by the file's bytes, never by its name
 * or a declared type. Signatures (PNG/JPEG), scans of the paper form (PNG/JPEG/PDF) and
 * evidence attachments (all four) ask it, each taking only the types it accepts. No Node
 * imports: a page may check bytes with it too.
 */

export const SNIFFED_TYPES = [
  'image/png',
  'image/jpeg',
  'application/pdf',
  'application/ofd'
] as const
export type SniffedType = (typeof SNIFFED_TYPES)[number]

const MAGIC: readonly { type: SniffedType; bytes: readonly number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] } // %PDF-
]

const ZIP_LOCAL_HEADER = 0x04034b50 // PK\3\4, the first bytes of a ZIP that holds anything
const ZIP_CENTRAL_ENTRY = 0x02014b50
const ZIP_END_OF_DIRECTORY = 0x06054b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff

/** The type the bytes start like, or null for anything else (including too few bytes). */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  for (const { type, bytes: magic } of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type
  }
  if (isOfd(bytes)) return 'application/ofd'
  return null
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0
}

/**
 * An OFD (GB/T 33190 版式文档, how many 数电 invoices arrive) is a ZIP whose root holds
 * OFD.xml. The ZIP's central directory at its end lists every entry by name, so the check
 * reads that list and decompresses nothing. Any ZIP without the entry, a ZIP64 or a
 * directory that points outside the bytes is not an OFD.
 */
export function isOfd(bytes: Uint8Array): boolean {
  if (bytes.length < 4 + EOCD_SIZE || u32(bytes, 0) !== ZIP_LOCAL_HEADER) return false
  const end = findEndOfDirectory(bytes)
  if (end < 0) return false
  const entries = u16(bytes, end + 10)
  const size = u32(bytes, end + 12)
  const start = u32(bytes, end + 16)
  // 0xffffffff / 0xffff mark a ZIP64 directory; an OFD of at most 20 MB never needs one
  if (start + size > end || entries === 0xffff) return false
  let at = start
  for (let i = 0; i < entries; i++) {
    if (at + 46 > end || u32(bytes, at) !== ZIP_CENTRAL_ENTRY) return false
    const nameLength = u16(bytes, at + 28)
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32)
    if (next > end) return false
    if (nameLength === 7 && asciiName(bytes, at + 46, nameLength).toLowerCase() === 'ofd.xml') {
      return true
    }
    at = next
  }
  return false
}

/** Where the end-of-central-directory record starts, or -1: it sits before a short comment. */
function findEndOfDirectory(bytes: Uint8Array): number {
  const last = bytes.length - EOCD_SIZE
  const first = Math.max(0, last - MAX_COMMENT)
  for (let at = last; at >= first; at--) {
    if (
      u32(bytes, at) === ZIP_END_OF_DIRECTORY &&
      at + EOCD_SIZE + u16(bytes, at + 20) === bytes.length
    ) {
      return at
    }
  }
  return -1
}

function asciiName(bytes: Uint8Array, at: number, length: number): string {
  let name = ''
  for (let i = 0; i < length; i++) name += String.fromCharCode(bytes[at + i] ?? 0)
  return name
}
