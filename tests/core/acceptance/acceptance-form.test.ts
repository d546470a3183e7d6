import { describe, expect, it } from 'vitest'
import {
  acceptanceFormSchema,
  createDraftForm,
  DEFAULT_CHECKLIST,
  DEFAULT_FORM_TITLE,
  missingForExport,
  type AcceptanceForm,
  type ExportRequiredField
} from '../../../electron/core/acceptance/acceptance-form'
import {
  checkSignatureImage,
  readImageInfo
} from '../../../electron/core/acceptance/signature-image'
import {
  drawSignaturePng,
  encodePng,
  SIGNATURE_JPEG_BASE64,
  SIGNATURE_JPEG_SIZE
} from './support/images'
import { signedForm } from './support/sample-form'

const SECRETS = ['clientId', 'clientSecret', 'encryptKey', 'encrypeKey', 'fkey', 'fpublicKey']

function keysOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into))
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      into.add(k)
      keysOf(v, into)
    }
  return into
}

describe('default checklist', () => {
  it('has the ten rows of the issue with stable keys', () => {
    expect(DEFAULT_CHECKLIST.map((r) => r.key)).toEqual([
      'service_activated',
      'digital_account',
      'enterprise_info',
      'tenant_keys',
      'linglong',
      'first_invoice',
      'invoice_email',
      'failure_handling',
      'training',
      'support_channel'
    ])
    for (const row of DEFAULT_CHECKLIST) {
      expect(row.item.length).toBeGreaterThan(0)
      expect(row.standard.length).toBeGreaterThan(0)
    }
  })
  it('states the 20-digit 数电 invoice number and the 未开票数据查询 rescan', () => {
    const byKey = Object.fromEntries(DEFAULT_CHECKLIST.map((r) => [r.key, r.standard]))
    expect(byKey.first_invoice).toContain('20 位')
    expect(byKey.failure_handling).toContain('未开票数据查询')
    expect(byKey.failure_handling).toContain('重新扫码')
  })
})

describe('acceptance form schema', () => {
  it('accepts a new draft and a signed form', () => {
    const draft = createDraftForm({ formNumber: 'YS-1' })
    expect(draft.title).toBe(DEFAULT_FORM_TITLE)
    expect(draft.checklist).toHaveLength(10)
    expect(acceptanceFormSchema.safeParse(draft).success).toBe(true)
    expect(acceptanceFormSchema.parse(signedForm())).toEqual(signedForm())
  })

  it('has no field for any of the five secrets and refuses a payload carrying one', () => {
    const keys = keysOf(signedForm())
    for (const secret of SECRETS) expect(keys.has(secret)).toBe(false)
    const form = signedForm()
    for (const target of [form, form.project, form.signatures, form.signatures.customer]) {
      const withSecret = structuredClone(form)
      const at =
        target === form
          ? withSecret
          : target === form.project
            ? withSecret.project
            : target === form.signatures
              ? withSecret.signatures
              : withSecret.signatures.customer
      Object.assign(at, { clientSecret: 'S3cr3t' })
      expect(acceptanceFormSchema.safeParse(withSecret).success).toBe(false)
    }
  })

  it('refuses impossible dates, a version below 1 and duplicate row keys', () => {
    const bad: ((f: AcceptanceForm) => void)[] = [
      (f) => (f.project.acceptanceDate = '2026-02-30'),
      (f) => (f.deadline = '18/03/2026'),
      (f) => (f.version = 0),
      (f) => f.checklist.push({ ...(f.checklist[0] as AcceptanceForm['checklist'][number]) }),
      (f) => ((f.checklist[0] as { result: string }).result = 'ok')
    ]
    for (const change of bad) {
      const form = signedForm()
      change(form)
      expect(acceptanceFormSchema.safeParse(form).success).toBe(false)
    }
  })

  it('refuses a signature image whose bytes are not the declared PNG or JPEG', () => {
    const form = signedForm()
    form.signatures.customer.image = {
      mime: 'image/jpeg',
      base64: drawSignaturePng().toString('base64')
    }
    const result = acceptanceFormSchema.safeParse(form)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('MIME_MISMATCH')
  })
})

describe('signature images', () => {
  it('reads the size of a PNG and a JPEG from their bytes', () => {
    expect(readImageInfo(drawSignaturePng(300, 90))).toEqual({
      mime: 'image/png',
      width: 300,
      height: 90
    })
    expect(readImageInfo(Buffer.from(SIGNATURE_JPEG_BASE64, 'base64'))).toEqual({
      mime: 'image/jpeg',
      ...SIGNATURE_JPEG_SIZE
    })
  })

  it('does not take a GIF, text or a truncated header for an image', () => {
    expect(readImageInfo(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull()
    expect(readImageInfo(Buffer.from('signature.png'))).toBeNull()
    expect(readImageInfo(drawSignaturePng().subarray(0, 20))).toBeNull()
    expect(readImageInfo(Buffer.from(SIGNATURE_JPEG_BASE64, 'base64').subarray(0, 100))).toBeNull()
  })

  it('names why an image is refused', () => {
    const png = (b: Buffer) => ({ mime: 'image/png' as const, base64: b.toString('base64') })
    expect(checkSignatureImage(png(drawSignaturePng()))).toBeNull()
    expect(checkSignatureImage({ mime: 'image/png', base64: 'not base64!' })).toBe('NOT_BASE64')
    expect(checkSignatureImage(png(Buffer.from('hello world!')))).toBe('NOT_AN_IMAGE')
    expect(checkSignatureImage({ mime: 'image/png', base64: SIGNATURE_JPEG_BASE64 })).toBe(
      'MIME_MISMATCH'
    )
    expect(checkSignatureImage(png(encodePng(4001, 1, new Uint8Array(4001 * 4))))).toBe(
      'DIMENSIONS'
    )
    expect(checkSignatureImage(png(Buffer.alloc(2 * 1024 * 1024 + 1)))).toBe('TOO_LARGE')
  })
})

describe('missing fields before export', () => {
  it('finds nothing missing in a complete form, signed on screen or to be signed on paper', () => {
    expect(missingForExport(signedForm())).toEqual([])
    const paper = signedForm()
    paper.signatures.customer.image = null
    paper.signatures.implementer.image = null
    expect(missingForExport(paper)).toEqual([])
  })

  const cases: [string, (f: AcceptanceForm) => void, ExportRequiredField][] = [
    ['the customer name', (f) => (f.project.customerName = ' '), 'project.customerName'],
    ['the tax ID', (f) => (f.project.taxId = ''), 'project.taxId'],
    ['the conclusion', (f) => (f.conclusion = null), 'conclusion'],
    ['the conditions of a conditional pass', (f) => (f.conditions = '\n'), 'conditions'],
    ['the deadline of a conditional pass', (f) => (f.deadline = ''), 'deadline'],
    [
      'the reason of a failure',
      (f) => {
        f.conclusion = 'fail'
        f.reason = ''
      },
      'reason'
    ],
    [
      'the customer signer name',
      (f) => (f.signatures.customer.signerName = '　'.trim()),
      'signatures.customer.signerName'
    ]
  ]
  it.each(cases)('refuses an export without %s', (_name, change, field) => {
    const form = signedForm()
    change(form)
    expect(missingForExport(form)).toEqual([field])
  })

  it('asks for conditions and deadline only when the pass is conditional', () => {
    const form = signedForm()
    form.conclusion = 'pass'
    form.conditions = ''
    form.deadline = ''
    expect(missingForExport(form)).toEqual([])
    form.conclusion = 'conditional'
    expect(missingForExport(form)).toEqual(['conditions', 'deadline'])
  })

  it('lists every missing field of a new draft, in form order', () => {
    const draft = createDraftForm({ formNumber: 'YS-1' })
    expect(missingForExport(draft)).toEqual([
      'project.customerName',
      'project.taxId',
      'project.goLiveDate',
      ...draft.checklist.map((r) => `checklist.${r.key}`),
      'conclusion',
      'signatures.customer.signerName'
    ])
  })
})
