/**
 * Real files of each kind an implementer attaches as evidence, built in memory: a PNG, a
 * JPEG, a PDF, an OFD (a ZIP whose root holds OFD.xml, as GB/T 33190 lays it out) and a ZIP
 * that is not one.
 */
import { strToU8, zipSync } from 'fflate'
import { drawSignaturePng, SIGNATURE_JPEG_BASE64 } from '../core/acceptance/support/images'

export const PNG_BYTES = (): Buffer => Buffer.from(drawSignaturePng(64, 32))

export const JPEG_BYTES = (): Buffer => Buffer.from(SIGNATURE_JPEG_BASE64, 'base64')

export const PDF_BYTES = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1'
  )

const OFD_XML =
  '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'

/** An OFD invoice's container: OFD.xml at the root, the document below it. */
export const OFD_BYTES = (level: 0 | 6 = 6): Buffer =>
  Buffer.from(
    zipSync(
      {
        'OFD.xml': strToU8(OFD_XML),
        'Doc_0/Document.xml': strToU8('<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>'),
        'Doc_0/Pages/Page_0/Content.xml': strToU8('<ofd:Page/>')
      },
      { level }
    )
  )

/** A ZIP that looks like an OFD inside but lacks the root OFD.xml (it sits in a folder). */
export const ZIP_WITHOUT_OFD_XML = (): Buffer =>
  Buffer.from(
    zipSync({
      'Doc_0/OFD.xml': strToU8(OFD_XML),
      'Doc_0/Document.xml': strToU8('<ofd:Document/>')
    })
  )
