import { describe, expect, it } from 'vitest'
import { sniffFileType } from '../../../electron/core/acceptance/file-type'
import { checkSignatureImage } from '../../../electron/core/acceptance/signature-image'
import { drawSignaturePng, SIGNATURE_JPEG_BASE64 } from './support/images'

const JPEG = Buffer.from(SIGNATURE_JPEG_BASE64, 'base64')
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1')

describe('the one file type sniffer', () => {
  it('tells PNG, JPEG and PDF apart by their first bytes', () => {
    expect(sniffFileType(drawSignaturePng(40, 20))).toBe('image/png')
    expect(sniffFileType(JPEG)).toBe('image/jpeg')
    expect(sniffFileType(PDF)).toBe('application/pdf')
  })

  it('needs only the magic bytes, not a whole file', () => {
    expect(sniffFileType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(
      'image/png'
    )
    expect(sniffFileType(Uint8Array.of(0xff, 0xd8, 0xff))).toBe('image/jpeg')
    expect(sniffFileType(Buffer.from('%PDF-', 'latin1'))).toBe('application/pdf')
  })

  it('answers null for other types, names, truncated magic and nothing at all', () => {
    expect(sniffFileType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull()
    expect(sniffFileType(Buffer.from('signature.png'))).toBeNull()
    expect(sniffFileType(Buffer.from('%PDF', 'latin1'))).toBeNull()
    expect(sniffFileType(drawSignaturePng().subarray(0, 7))).toBeNull()
    expect(sniffFileType(Uint8Array.of(0xff, 0xd8))).toBeNull()
    expect(sniffFileType(new Uint8Array())).toBeNull()
  })

  it('is what the signature check asks: a PDF is a scan, never a signature', () => {
    expect(checkSignatureImage({ mime: 'image/png', base64: PDF.toString('base64') })).toBe(
      'NOT_AN_IMAGE'
    )
  })
})
