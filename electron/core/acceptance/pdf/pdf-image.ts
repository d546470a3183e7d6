/**
 * Signature images for the PDF. A JPEG, and a PNG without transparency, go in as they are
 * (pdfkit copies their compressed data). A signature drawn on the pad is an RGBA PNG on a
 * transparent background: pdfkit would decode it in JavaScript and deflate a colour image and
 * a soft mask, the slowest step of the export. The signature box is white, so the ink is
 * composed onto white here once, with Node's zlib, into an RGB PNG that pdfkit embeds as is.
 * The result is kept per image (re-exporting a version reuses it).
 */
import { createHash } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'
import { crc32 } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** the last few signatures, by content (a form has two) */
const CACHE_LIMIT = 8
const flattened = new Map<string, Buffer>()

interface PngHeader {
  width: number
  height: number
  bitDepth: number
  colourType: number
  interlace: number
}

function chunks(png: Buffer): { type: string; data: Buffer }[] | null {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return null
  const out: { type: string; data: Buffer }[] = []
  let at = 8
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    if (at + 12 + length > png.length) return null
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) })
    at += 12 + length
    if (type === 'IEND') break
  }
  return out
}

function header(data: Buffer): PngHeader {
  return {
    width: data.readUInt32BE(0),
    height: data.readUInt32BE(4),
    bitDepth: data[8] ?? 0,
    colourType: data[9] ?? 0,
    interlace: data[12] ?? 0
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** Undoes PNG's per-row filters in place; returns the rows without their filter bytes. */
function unfilter(raw: Buffer, stride: number, bpp: number, height: number): Buffer {
  const out = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0
    const src = y * (stride + 1) + 1
    const row = y * stride
    const prev = row - stride
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i] ?? 0
      const a = i >= bpp ? (out[row + i - bpp] ?? 0) : 0
      const b = y > 0 ? (out[prev + i] ?? 0) : 0
      const c = y > 0 && i >= bpp ? (out[prev + i - bpp] ?? 0) : 0
      let v = x
      if (filter === 1) v = x + a
      else if (filter === 2) v = x + b
      else if (filter === 3) v = x + ((a + b) >> 1)
      else if (filter === 4) v = x + paeth(a, b, c)
      out[row + i] = v & 0xff
    }
  }
  return out
}

/** One PNG chunk: length, type, data and the CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** An 8-bit RGBA or grey+alpha PNG composed onto white as an RGB PNG; null when not one. */
function flattenPng(png: Buffer): Buffer | null {
  const parts = chunks(png)
  const ihdr = parts?.[0]
  if (!parts || ihdr?.type !== 'IHDR') return null
  const h = header(ihdr.data)
  const channels = h.colourType === 6 ? 4 : h.colourType === 4 ? 2 : 0
  if (channels === 0 || h.bitDepth !== 8 || h.interlace !== 0) return null
  const idat = Buffer.concat(parts.filter((p) => p.type === 'IDAT').map((p) => p.data))
  const stride = h.width * channels
  const pixels = unfilter(inflateSync(idat), stride, channels, h.height)
  // rows of filter byte 0 + RGB
  const out = Buffer.alloc((h.width * 3 + 1) * h.height)
  for (let y = 0; y < h.height; y++) {
    let o = y * (h.width * 3 + 1) + 1
    let p = y * stride
    for (let x = 0; x < h.width; x++, p += channels, o += 3) {
      const alpha = pixels[p + channels - 1] ?? 0
      const white = 255 - alpha
      const r = pixels[p] ?? 0
      const g = channels === 4 ? (pixels[p + 1] ?? 0) : r
      const b = channels === 4 ? (pixels[p + 2] ?? 0) : r
      out[o] = ((r * alpha) / 255 + white) | 0
      out[o + 1] = ((g * alpha) / 255 + white) | 0
      out[o + 2] = ((b * alpha) / 255 + white) | 0
    }
  }
  const newHeader = Buffer.from(ihdr.data)
  newHeader[9] = 2 // RGB
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', newHeader),
    pngChunk('IDAT', deflateSync(out, { level: 6 })),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}

/** The bytes to embed for a signature image (PNG with transparency composed onto white). */
export function embeddableImage(bytes: Uint8Array, mime: string): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (mime !== 'image/png') return buffer
  const key = createHash('sha256').update(buffer).digest('hex')
  const known = flattened.get(key)
  if (known) return known
  const result = flattenPng(buffer) ?? buffer
  if (flattened.size >= CACHE_LIMIT) {
    const oldest = flattened.keys().next().value
    if (oldest !== undefined) flattened.delete(oldest)
  }
  flattened.set(key, result)
  return result
}
