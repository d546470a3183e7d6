import { describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import { isOfd, sniffFileType } from '../../../electron/core/shared/file-type'
import { OFD_BYTES, ZIP_WITHOUT_OFD_XML } from '../../support/evidence-files'
import { checkSignatureImage } from '../../../electron/core/acceptance/signature-image'
import { drawSignaturePng, SIGNATURE_JPEG_BASE64 } from '../acceptance/support/images'

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

describe('OFD, the ZIP container many 数电 invoices arrive in', () => {
  it('is told by the OFD.xml entry in the ZIP central directory', () => {
    expect(sniffFileType(OFD_BYTES())).toBe('application/ofd')
    expect(sniffFileType(OFD_BYTES(0))).toBe('application/ofd')
  })

  it('is not any ZIP: without a root OFD.xml it is nothing the sniffer knows', () => {
    expect(sniffFileType(ZIP_WITHOUT_OFD_XML())).toBeNull()
    // a .docx is a ZIP too
    expect(sniffFileType(Buffer.from(zipSync({ 'word/document.xml': strToU8('<w/>') })))).toBeNull()
  })

  it('is not an OFD when the ZIP is cut short or its directory points outside the file', () => {
    const ofd = OFD_BYTES()
    expect(sniffFileType(ofd.subarray(0, ofd.length - 30))).toBeNull()
    expect(sniffFileType(ofd.subarray(0, 40))).toBeNull()
    const broken = Buffer.from(ofd)
    // the end record's directory offset (at 16 from its start, 22 from the end: no comment)
    broken.writeUInt32LE(ofd.length, ofd.length - 22 + 16)
    expect(sniffFileType(broken)).toBeNull()
    expect(isOfd(Buffer.from('PK\x03\x04' + 'x'.repeat(40), 'latin1'))).toBe(false)
  })

  it('finds the directory behind a ZIP comment', () => {
    const ofd = OFD_BYTES()
    const comment = Buffer.from('发票', 'utf8')
    const withComment = Buffer.concat([ofd, comment])
    withComment.writeUInt16LE(comment.length, ofd.length - 2)
    expect(sniffFileType(withComment)).toBe('application/ofd')
  })
})
