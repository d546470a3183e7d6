/**
 * Signature and seal images on the acceptance form: which types and sizes are taken, the
 * pixel size read from the bytes, and why an image is refused (a problem code, no wording).
 * No Node imports: the page checks a drawn or uploaded image before sending it.
 */
import { sniffFileType } from '../shared/file-type'

export const SIGNATURE_MIMES = ['image/png', 'image/jpeg'] as const
export type SignatureMime = (typeof SIGNATURE_MIMES)[number]

/** Bounds for an uploaded or drawn signature/seal image. */
export const SIGNATURE_IMAGE_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxWidth: 4000,
  maxHeight: 4000
} as const

export interface SignatureImage {
  mime: SignatureMime
  /** the image bytes, base64 (no data: prefix) */
  base64: string
}

export interface ImageInfo {
  mime: SignatureMime
  width: number
  height: number
}

export const SIGNATURE_IMAGE_PROBLEMS = [
  'NOT_BASE64',
  'TOO_LARGE',
  'NOT_AN_IMAGE',
  'MIME_MISMATCH',
  'DIMENSIONS'
] as const
export type SignatureImageProblem = (typeof SIGNATURE_IMAGE_PROBLEMS)[number]

export function isSignatureImageProblem(value: string): value is SignatureImageProblem {
  return (SIGNATURE_IMAGE_PROBLEMS as readonly string[]).includes(value)
}

/**
 * The type and pixel size of a PNG or JPEG, read from its bytes (never from a file name or a
 * declared type); null for anything else or a truncated header.
 */
export function readImageInfo(bytes: Uint8Array): ImageInfo | null {
  const type = sniffFileType(bytes)
  if (type === 'image/png') return readPngSize(bytes)
  if (type === 'image/jpeg') return readJpegSize(bytes)
  return null
}

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0)
}

function u32(bytes: Uint8Array, at: number): number {
  return u16(bytes, at) * 0x10000 + u16(bytes, at + 2)
}

function readPngSize(bytes: Uint8Array): ImageInfo | null {
  // IHDR must be the first chunk: length 13 at 8, type at 12, width at 16, height at 20.
  if (bytes.length < 24) return null
  const type = String.fromCharCode(...bytes.subarray(12, 16))
  if (type !== 'IHDR') return null
  const width = u32(bytes, 16)
  const height = u32(bytes, 20)
  return width > 0 && height > 0 ? { mime: 'image/png', width, height } : null
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
}

function readJpegSize(bytes: Uint8Array): ImageInfo | null {
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    // Markers without a length: TEM and RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return null // end of image or scan before a frame
    const length = u16(bytes, at + 2)
    if (length < 2) return null
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) return null
      const height = u16(bytes, at + 5)
      const width = u16(bytes, at + 7)
      return width > 0 && height > 0 ? { mime: 'image/jpeg', width, height } : null
    }
    at += 2 + length
  }
  return null
}

/** Decodes standard base64 without Buffer, so that the renderer can use it too. */
export function decodeBase64(base64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return null
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Why a signature image is refused, or null when it is a bounded PNG/JPEG of its declared type. */
export function checkSignatureImage(image: SignatureImage): SignatureImageProblem | null {
  // base64 is 4/3 of the bytes; refuse oversized strings before decoding them.
  if (image.base64.length > Math.ceil(SIGNATURE_IMAGE_LIMITS.maxBytes / 3) * 4) return 'TOO_LARGE'
  const bytes = decodeBase64(image.base64)
  if (!bytes) return 'NOT_BASE64'
  if (bytes.length > SIGNATURE_IMAGE_LIMITS.maxBytes) return 'TOO_LARGE'
  const info = readImageInfo(bytes)
  if (!info) return 'NOT_AN_IMAGE'
  if (info.mime !== image.mime) return 'MIME_MISMATCH'
  if (
    info.width > SIGNATURE_IMAGE_LIMITS.maxWidth ||
    info.height > SIGNATURE_IMAGE_LIMITS.maxHeight
  )
    return 'DIMENSIONS'
  return null
}
