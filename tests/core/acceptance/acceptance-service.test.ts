import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import type {
  AcceptanceForm,
  ChecklistRow
} from '../../../electron/core/acceptance/acceptance-form'
import type {
  AcceptanceExport,
  AcceptanceRecord
} from '../../../electron/core/acceptance/acceptance-types'
import type { FileDialogs } from '../../../electron/core/core'
import { SCAN_MAX_BYTES } from '../../../electron/core/acceptance/acceptance-files'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'
import { readDocx } from './support/docx-reader'
import { drawSignaturePng, encodePng, SIGNATURE_JPEG_BASE64 } from './support/images'

let t: TempCore
let deliveryId: number

const PNG_BASE64 = drawSignaturePng(300, 100).toString('base64')
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1')

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  const customer = t.core.customers.create({ ...LANZHOU, email: 'finance@example.cn' }).customer
  deliveryId = t.core.deliveries.create(customer.id, {
    orderNumber: 'SO-2026-0042',
    products: ['数电开票', '玲珑对接'],
    plannedGoLive: '2026-03-20'
  }).delivery.id
})
afterEach(() => t.cleanup())

function refusal(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (e) {
    if (e instanceof DeskError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

async function asyncRefusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof DeskError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

/** Every row decided (by hand where no fact decides it) and the actual go-live date given. */
function decided(form: AcceptanceForm): AcceptanceForm {
  form.project.goLiveDate = '2026-03-18'
  form.checklist = form.checklist.map((row) =>
    row.result === null ? { ...row, result: 'na', decidedBy: 'implementer' } : row
  )
  return form
}

const ROW_KEYS = [
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
]

/** The draft with everything an export needs: rows, go-live date, a pass, the customer's signer. */
function completed(record: AcceptanceRecord): AcceptanceForm {
  const form = decided(structuredClone(record.form))
  form.conclusion = 'pass'
  form.signatures.customer.signerName = '张伟'
  form.signatures.customer.title = '财务经理'
  return form
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function auditActions(): string[] {
  return t.core.audit
    .list({ entityType: 'delivery', entityId: deliveryId, limit: 200 })
    .items.map((e) => e.action)
}

function walkKickoffAndActivation(): void {
  const d = t.core.deliveries
  d.updateStage({
    deliveryId,
    stage: 'kickoff',
    answers: { order_confirmed: true, contact_confirmed: true },
    status: 'done'
  })
  d.updateStage({
    deliveryId,
    stage: 'activation',
    answers: {
      activation_mail_received: true,
      activated: true,
      activated_on: '2026-03-02',
      uses_etax_bureau: false,
      invoicer_identity_verified: true
    },
    status: 'done'
  })
}

/** Forms an export and marking signed refuse, and the keys of the fields they miss. */
const INCOMPLETE: [string, (form: AcceptanceForm) => void, string[]][] = [
  [
    'a new draft',
    () => {},
    [
      'project.goLiveDate',
      ...ROW_KEYS.filter((k) => k !== 'support_channel').map((k) => `checklist.${k}`),
      'conclusion',
      'signatures.customer.signerName'
    ]
  ],
  [
    'a form without the actual go-live date',
    (f) => {
      decided(f)
      f.project.goLiveDate = ''
      f.conclusion = 'pass'
      f.signatures.customer.signerName = '张伟'
    },
    ['project.goLiveDate']
  ],
  [
    'a form with rows nobody decided',
    (f) => {
      decided(f)
      f.checklist = f.checklist.map((r) =>
        r.key === 'training' || r.key === 'tenant_keys'
          ? { ...r, result: null, decidedBy: null }
          : r
      )
      f.conclusion = 'pass'
      f.signatures.customer.signerName = '张伟'
    },
    ['checklist.tenant_keys', 'checklist.training']
  ],
  [
    'a conditional pass without conditions and deadline',
    (f) => {
      decided(f)
      f.conclusion = 'conditional'
      f.signatures.customer.signerName = '张伟'
    },
    ['conditions', 'deadline']
  ],
  [
    'a fail without a reason',
    (f) => {
      decided(f)
      f.conclusion = 'fail'
      f.reason = '  '
      f.signatures.customer.signerName = '张伟'
    },
    ['reason']
  ],
  [
    'a form without customer name and tax ID',
    (f) => {
      decided(f)
      f.conclusion = 'pass'
      f.project.customerName = ''
      f.project.taxId = ''
      f.signatures.customer.signerName = '张伟'
    },
    ['project.customerName', 'project.taxId']
  ]
]

describe('the acceptance form of a delivery', () => {
  it('is created on first open, prefilled from the customer and the delivery', () => {
    walkKickoffAndActivation()
    const record = t.core.acceptance.get(deliveryId)
    expect(record).toMatchObject({
      deliveryId,
      version: 1,
      status: 'draft',
      supersedesId: null,
      signedAt: null,
      plannedGoLive: '2026-03-20'
    })
    expect(record.missing).toContain('project.goLiveDate')
    expect(record.formNumber).toMatch(new RegExp(`^YS-\\d{8}-${deliveryId}-1$`))
    expect(record.form.formNumber).toBe(record.formNumber)
    expect(record.form.project).toEqual({
      projectName: '兰州黄河云票科技有限公司发票云数电开票项目',
      orderNumber: 'SO-2026-0042',
      customerName: LANZHOU.name,
      taxId: LANZHOU.taxId,
      contactName: LANZHOU.contactName,
      contactPhone: LANZHOU.contactPhone,
      implementingCompany: '',
      implementer: '王实施',
      products: '数电开票、玲珑对接',
      // the planned date is never 上线日期: the form waits for the actual one
      goLiveDate: '',
      acceptanceDate: t.core.today(),
      serviceStart: '',
      serviceEnd: '',
      method: ''
    })
    expect(record.form.invoicing).toMatchObject({ name: LANZHOU.name, taxId: LANZHOU.taxId })
    expect(record.form.signatures.implementer.signerName).toBe('王实施')
    expect(record.defaultFileName).toBe(
      `上线验收单-${LANZHOU.name}-${t.core.today().replace(/-/g, '')}.docx`
    )
  })

  it('prefills a pass only for rows whose facts are all recorded, quoting them', () => {
    walkKickoffAndActivation()
    const before = t.core.acceptance.get(deliveryId)
    // the activation stage is done, but the admin mobile its row names is not recorded
    expect(before.form.checklist.find((r) => r.key === 'service_activated')?.result).toBeNull()
    expect(before.evidence.find((e) => e.rowKey === 'service_activated')?.missing).toEqual([
      'customer.admin_mobile'
    ])
    const customerId = t.core.deliveries.get(deliveryId).customer.id
    t.core.customers.update(customerId, { adminMobile: '13893112345' })
    const rows = t.core.acceptance.get(deliveryId).form.checklist
    const results = Object.fromEntries(rows.map((r) => [r.key, [r.result, r.decidedBy]]))
    expect(results).toEqual({
      service_activated: ['pass', 'evidence'],
      digital_account: [null, null],
      enterprise_info: [null, null],
      tenant_keys: [null, null],
      linglong: [null, null],
      first_invoice: [null, null],
      invoice_email: [null, null],
      failure_handling: [null, null],
      training: [null, null],
      support_channel: ['pass', 'evidence']
    })
    expect(rows.find((r) => r.key === 'service_activated')?.remarks).toBe(
      '2026-03-02 完成激活；管理员手机号 13893112345'
    )
    expect(auditActions()).toContain('acceptance.refresh')
  })

  it('writes a go-live date typed on the form back to the delivery, once', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = structuredClone(draft.form)
    form.project.goLiveDate = '2026-03-18'
    const saved = t.core.acceptance.save(draft.id, form)
    expect(saved.form.project.goLiveDate).toBe('2026-03-18')
    expect(t.core.deliveries.get(deliveryId).delivery).toMatchObject({
      actualGoLive: '2026-03-18',
      plannedGoLive: '2026-03-20'
    })
    // a later change on the delivery is what the draft shows: one value, one place
    t.core.deliveries.update(deliveryId, { actualGoLive: '2026-03-19' })
    expect(t.core.acceptance.get(deliveryId).form.project.goLiveDate).toBe('2026-03-19')
  })

  it('records a row decided by hand as the implementer’s, in the form and the audit', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = structuredClone(draft.form)
    form.checklist = form.checklist.map((r) =>
      r.key === 'training' ? { ...r, result: 'pass', decidedBy: 'evidence', remarks: '已培训' } : r
    )
    const saved = t.core.acceptance.save(draft.id, form)
    expect(saved.form.checklist.find((r) => r.key === 'training')).toMatchObject({
      result: 'pass',
      decidedBy: 'implementer'
    })
    const entry = t.core.audit.list({ action: 'acceptance.save' }).items[0]
    expect(entry?.details.decisions).toEqual([
      { row: 'training', result: 'pass', decidedBy: 'implementer' }
    ])
  })

  it('takes the actual go-live date over the planned one', () => {
    t.core.deliveries.update(deliveryId, { actualGoLive: '2026-03-18' })
    expect(t.core.acceptance.get(deliveryId).form.project.goLiveDate).toBe('2026-03-18')
  })

  it('returns the same form on the next open, and gives each delivery its own number', () => {
    const first = t.core.acceptance.get(deliveryId)
    expect(t.core.acceptance.get(deliveryId).id).toBe(first.id)
    const other = t.core.customers.create(SHENZHEN).customer
    const otherDelivery = t.core.deliveries.create(other.id, {}).delivery.id
    const second = t.core.acceptance.get(otherDelivery)
    expect(second.formNumber).not.toBe(first.formNumber)
    expect(auditActions().filter((a) => a === 'acceptance.create')).toHaveLength(1)
  })

  it('leaves the implementer blank when the delivery only has the unset-name marker', () => {
    const fresh = tempCore()
    try {
      const customer = fresh.core.customers.create(SHENZHEN).customer
      const id = fresh.core.deliveries.create(customer.id, {}).delivery.id
      const form = fresh.core.acceptance.get(id).form
      expect(form.project.implementer).toBe('')
      expect(form.signatures.implementer.signerName).toBe('')
    } finally {
      fresh.cleanup()
    }
  })

  it('lists versions, exports and scans without creating a form', () => {
    expect(t.core.acceptance.overview(deliveryId)).toEqual({
      formNumber: null,
      versions: [],
      exports: [],
      scans: []
    })
    expect(auditActions()).not.toContain('acceptance.create')
    const record = t.core.acceptance.get(deliveryId)
    expect(t.core.acceptance.overview(deliveryId)).toMatchObject({
      formNumber: record.formNumber,
      versions: [{ id: record.id, version: 1, status: 'draft' }]
    })
  })

  it('reuses the implementing company typed on the previous form', () => {
    const first = t.core.acceptance.get(deliveryId)
    const form = structuredClone(first.form)
    form.project.implementingCompany = '甘肃数智财税服务有限公司'
    t.core.acceptance.save(first.id, form)
    const other = t.core.customers.create(SHENZHEN).customer
    const next = t.core.acceptance.get(t.core.deliveries.create(other.id, {}).delivery.id)
    expect(next.form.project.implementingCompany).toBe('甘肃数智财税服务有限公司')
  })
})

describe('saving and versions', () => {
  it('saves a draft in place and audits which fields changed', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = completed(draft)
    form.remarks = '总部开票点'
    const saved = t.core.acceptance.save(draft.id, form)
    expect(saved).toMatchObject({ id: draft.id, version: 1, status: 'draft', missing: [] })
    expect(saved.form.remarks).toBe('总部开票点')
    const entry = t.core.audit.list({ action: 'acceptance.save' }).items[0]
    expect(entry?.details.changed).toEqual([
      'project.goLiveDate',
      'checklist',
      'conclusion',
      'remarks',
      'signatures.customer'
    ])
    // saving the same form again writes nothing
    t.core.acceptance.save(draft.id, form)
    expect(auditActions().filter((a) => a === 'acceptance.save')).toHaveLength(1)
  })

  it('keeps the number and version it stored, whatever the page sends', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = { ...completed(draft), formNumber: 'FAKE-1', version: 9 }
    const saved = t.core.acceptance.save(draft.id, form)
    expect(saved.form.formNumber).toBe(draft.formNumber)
    expect(saved.form.version).toBe(1)
  })

  it('turns edits of a signed form into a new version and keeps the signed one', () => {
    const draft = t.core.acceptance.get(deliveryId)
    t.core.acceptance.save(draft.id, completed(draft))
    const signed = t.core.acceptance.markSigned(draft.id)
    expect(signed).toMatchObject({ id: draft.id, status: 'signed', signedAt: t.core.now() })

    const edited = structuredClone(signed.form)
    edited.remarks = '补充：门店开票点下周配置'
    const v2 = t.core.acceptance.save(signed.id, edited)
    expect(v2).toMatchObject({
      version: 2,
      status: 'draft',
      supersedesId: signed.id,
      formNumber: signed.formNumber
    })
    expect(v2.id).not.toBe(signed.id)
    expect(v2.form.version).toBe(2)
    expect(v2.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'signed']
    ])
    const stored = t.core.deps.db
      .prepare('SELECT status, data FROM acceptance_forms WHERE id = ?')
      .get(signed.id) as { status: string; data: string }
    expect(stored.status).toBe('signed')
    expect((JSON.parse(stored.data) as AcceptanceForm).remarks).toBe('')
    expect(t.core.acceptance.get(deliveryId).id).toBe(v2.id)

    // the page still showing version 1 cannot change it
    expect(refusal(() => t.core.acceptance.save(signed.id, edited))).toMatchObject({
      code: 'FORM_SUPERSEDED',
      params: { version: 1, latest: 2 }
    })
    const audit = t.core.audit.list({ action: 'acceptance.save' }).items[0]
    expect(audit?.details).toMatchObject({
      formId: v2.id,
      version: 2,
      supersedes: { formId: signed.id, version: 1 }
    })
  })
})

describe('signing', () => {
  it('puts a drawn PNG signature on the form, dated today, and audits it without its bytes', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const record = t.core.acceptance.sign(draft.id, 'customer', ' 张伟 ', {
      mime: 'image/png',
      base64: PNG_BASE64
    })
    expect(record.form.signatures.customer).toMatchObject({
      signerName: '张伟',
      date: t.core.today(),
      image: { mime: 'image/png', base64: PNG_BASE64 }
    })
    expect(record.version).toBe(1)
    const entry = t.core.audit.list({ action: 'acceptance.sign' }).items[0]
    expect(entry?.details).toMatchObject({
      party: 'customer',
      signerName: '张伟',
      image: { mime: 'image/png', width: 300, height: 100 }
    })
    const allAudit = JSON.stringify(t.core.audit.list({ limit: 500 }).items)
    expect(allAudit).not.toContain(PNG_BASE64.slice(0, 40))
  })

  it('takes an uploaded JPEG for the implementer', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const record = t.core.acceptance.sign(draft.id, 'implementer', '王实施', {
      mime: 'image/jpeg',
      base64: SIGNATURE_JPEG_BASE64
    })
    expect(record.form.signatures.implementer.image?.mime).toBe('image/jpeg')
  })

  it('refuses text named as a PNG, a JPEG declared as PNG, oversized images and no name', () => {
    const { id } = t.core.acceptance.get(deliveryId)
    const sign = (mime: 'image/png' | 'image/jpeg', base64: string, name = '张伟') =>
      refusal(() => t.core.acceptance.sign(id, 'customer', name, { mime, base64 }))
    const text = Buffer.from('this is not an image, only a file called signature.png')
    expect(sign('image/png', text.toString('base64'))).toMatchObject({
      code: 'SIGNATURE_IMAGE',
      field: 'image',
      params: { problem: 'NOT_AN_IMAGE' }
    })
    expect(sign('image/png', SIGNATURE_JPEG_BASE64).params?.problem).toBe('MIME_MISMATCH')
    const tooWide = encodePng(4001, 1, new Uint8Array(4001 * 4)).toString('base64')
    expect(sign('image/png', tooWide).params?.problem).toBe('DIMENSIONS')
    expect(sign('image/png', 'not base64!').params?.problem).toBe('NOT_BASE64')
    expect(sign('image/png', PNG_BASE64, '  ')).toMatchObject({
      code: 'REQUIRED',
      field: 'signerName'
    })
    expect(t.core.acceptance.get(deliveryId).form.signatures.customer.image).toBeNull()
  })

  it('signs a signed form as a new version', () => {
    const draft = t.core.acceptance.get(deliveryId)
    t.core.acceptance.save(draft.id, completed(draft))
    t.core.acceptance.markSigned(draft.id)
    const v2 = t.core.acceptance.sign(draft.id, 'implementer', '王实施', {
      mime: 'image/png',
      base64: PNG_BASE64
    })
    expect(v2).toMatchObject({ version: 2, status: 'draft', supersedesId: draft.id })
    expect(v2.form.signatures.implementer.image?.base64).toBe(PNG_BASE64)
  })
})

describe('marking signed', () => {
  it('freezes the version and records form_signed and signed_on on the acceptance stage', () => {
    const draft = t.core.acceptance.get(deliveryId)
    t.core.acceptance.save(draft.id, completed(draft))
    t.core.acceptance.markSigned(draft.id)
    const stage = t.core.deliveries.get(deliveryId).stages.find((s) => s.stage === 'acceptance')
    expect(stage?.answers).toEqual({ form_signed: true, signed_on: t.core.today() })
    expect(stage?.status).toBe('in_progress')
    expect(auditActions()).toContain('acceptance.markSigned')
    // marking it again changes nothing
    expect(t.core.acceptance.markSigned(draft.id).version).toBe(1)
    expect(auditActions().filter((a) => a === 'acceptance.markSigned')).toHaveLength(1)
  })

  it.each(INCOMPLETE)('refuses %s, naming each missing field by key', (_name, edit, fields) => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = structuredClone(draft.form)
    edit(form)
    t.core.acceptance.save(draft.id, form)
    const error = refusal(() => t.core.acceptance.markSigned(draft.id))
    expect(error.code).toBe('FORM_INCOMPLETE')
    expect(error.field).toBe(fields[0])
    expect(error.issues?.map((i) => i.field)).toEqual(fields)
    expect(error.params?.missing).toEqual(fields)
    expect(t.core.acceptance.get(deliveryId).status).toBe('draft')
  })
})

describe('refusals carry codes and field keys, never words', () => {
  const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

  it('names a bad checklist row by its key and the broken rule by code', () => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = structuredClone(draft.form) as unknown as { checklist: { result: unknown }[] }
    const row = form.checklist[3]
    if (row) row.result = 'maybe'
    const error = refusal(() => t.core.acceptance.save(draft.id, form as unknown as AcceptanceForm))
    expect(error).toMatchObject({
      code: 'VALIDATION',
      field: 'checklist.tenant_keys.result',
      params: { field: 'checklist.tenant_keys.result', rule: 'invalid_value' }
    })
  })

  it('keeps every acceptance refusal free of Chinese and English sentences', async () => {
    const draft = t.core.acceptance.get(deliveryId)
    const text = join(t.dir, 'scan.pdf')
    writeFileSync(text, 'not a scan')
    const duplicateRows = structuredClone(draft.form)
    duplicateRows.checklist.push({ ...(duplicateRows.checklist[0] as ChecklistRow) })
    const errors = [
      refusal(() => t.core.acceptance.markSigned(draft.id)),
      refusal(() => t.core.acceptance.save(draft.id, duplicateRows)),
      refusal(() =>
        t.core.acceptance.sign(draft.id, 'customer', '张伟', { mime: 'image/png', base64: 'x' })
      ),
      await asyncRefusal(t.core.acceptance.attachScan(draft.id, text)),
      await asyncRefusal(t.core.acceptance.export(draft.id, join(t.dir, 'x.docx')))
    ]
    expect(errors.map((e) => e.code)).toEqual([
      'FORM_INCOMPLETE',
      'VALIDATION',
      'SIGNATURE_IMAGE',
      'SCAN_FILE',
      'FORM_INCOMPLETE'
    ])
    expect(errors[1]?.params).toEqual({ field: 'checklist', rule: 'DUPLICATE_ROW_KEY' })
    for (const error of errors) {
      const params = JSON.stringify([error.params, error.issues])
      expect(params).not.toMatch(CJK)
      // values are codes and keys: no spaces, so no sentences in any language
      expect(params).not.toMatch(/"[^"]* [^"]*"/)
    }
  })
})

describe('export and verify', () => {
  async function exportComplete(path: string, overwrite?: boolean): Promise<AcceptanceExport> {
    const draft = t.core.acceptance.get(deliveryId)
    t.core.acceptance.save(draft.id, completed(draft))
    return t.core.acceptance.export(draft.id, path, { overwrite })
  }

  it('writes the .docx and records its SHA-256, size, time and version', async () => {
    const path = join(t.dir, '验收单.docx')
    const result = await exportComplete(path)
    const bytes = readFileSync(path)
    expect(result).toMatchObject({
      sha256: sha256(bytes),
      size: bytes.length,
      version: 1,
      path,
      exportedAt: t.core.now()
    })
    const doc = readDocx(bytes)
    expect(doc.paragraphs()).toContain(LANZHOU.name)
    expect(doc.paragraphs()).toContain(LANZHOU.taxId)
    expect(t.core.acceptance.get(deliveryId).exports[0]?.sha256).toBe(sha256(bytes))
    const entry = t.core.audit.list({ action: 'acceptance.export' }).items[0]
    expect(entry).toMatchObject({
      entityType: 'delivery',
      entityId: deliveryId,
      details: { sha256: sha256(bytes), path, version: 1 }
    })
  })

  it.each(INCOMPLETE)('refuses to export %s', async (_name, edit, fields) => {
    const draft = t.core.acceptance.get(deliveryId)
    const form = structuredClone(draft.form)
    edit(form)
    t.core.acceptance.save(draft.id, form)
    const path = join(t.dir, 'x.docx')
    const error = await asyncRefusal(t.core.acceptance.export(draft.id, path))
    expect(error.code).toBe('FORM_INCOMPLETE')
    expect(error.issues?.map((i) => i.field)).toEqual(fields)
    expect(existsSync(path)).toBe(false)
  })

  it('never replaces an existing file without consent', async () => {
    const path = join(t.dir, 'existing.docx')
    writeFileSync(path, 'keep me')
    const error = await asyncRefusal(exportComplete(path))
    expect(error).toMatchObject({ code: 'FILE_EXISTS', field: 'path', params: { path } })
    expect(readFileSync(path, 'utf8')).toBe('keep me')
    const replaced = await exportComplete(path, true)
    expect(sha256(readFileSync(path))).toBe(replaced.sha256)
  })

  it('tells a byte-identical copy from one with a single byte changed', async () => {
    const path = join(t.dir, 'signed.docx')
    const exported = await exportComplete(path)
    const copy = join(t.dir, 'copy.docx')
    const bytes = readFileSync(path)
    writeFileSync(copy, bytes)
    const verified = await t.core.acceptance.verify(copy)
    expect(verified).toMatchObject({
      matches: true,
      sha256: exported.sha256,
      export: {
        formId: exported.formId,
        version: 1,
        path,
        deliveryId,
        customerName: LANZHOU.name
      }
    })
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff
    writeFileSync(copy, bytes)
    const changed = await t.core.acceptance.verify(copy)
    expect(changed.matches).toBe(false)
    expect(changed.export).toBeUndefined()
    expect(changed.sha256).toBe(sha256(bytes))
    expect(await asyncRefusal(t.core.acceptance.verify(join(t.dir, 'nope.docx')))).toMatchObject({
      code: 'FILE_NOT_READABLE'
    })
  })
})

describe('scans of the paper form', () => {
  it('keeps a PNG, a JPEG and a PDF, recognised by their bytes whatever their names', async () => {
    const { id } = t.core.acceptance.get(deliveryId)
    const files: [string, Buffer, string][] = [
      ['photo.jpg.txt', Buffer.from(SIGNATURE_JPEG_BASE64, 'base64'), 'image/jpeg'],
      ['scan', PDF_BYTES, 'application/pdf'],
      ['seal.png', drawSignaturePng(200, 200), 'image/png']
    ]
    for (const [name, bytes, mime] of files) {
      const path = join(t.dir, name)
      writeFileSync(path, bytes)
      const scan = await t.core.acceptance.attachScan(id, path)
      expect(scan).toMatchObject({
        fileName: name,
        mime,
        size: bytes.length,
        sha256: sha256(bytes)
      })
      const stored = t.core.deps.db
        .prepare('SELECT data FROM acceptance_scans WHERE id = ?')
        .get(scan.id) as { data: Buffer }
      expect(Buffer.compare(stored.data, bytes)).toBe(0)
    }
    expect(t.core.acceptance.get(deliveryId).scans).toHaveLength(3)
    // attaching the same file again keeps one copy
    await t.core.acceptance.attachScan(id, join(t.dir, 'scan'))
    expect(t.core.acceptance.get(deliveryId).scans).toHaveLength(3)
    const audit = t.core.audit.list({ action: 'acceptance.attachScan' }).items
    expect(audit).toHaveLength(3)
    expect(audit[0]?.details).not.toHaveProperty('data')
  })

  it('refuses text named .pdf, an empty file and one over 15 MB', async () => {
    const { id } = t.core.acceptance.get(deliveryId)
    const fake = join(t.dir, 'signed.pdf')
    writeFileSync(fake, 'just text, named like a PDF')
    expect(await asyncRefusal(t.core.acceptance.attachScan(id, fake))).toMatchObject({
      code: 'SCAN_FILE',
      params: { problem: 'NOT_SUPPORTED' }
    })
    const empty = join(t.dir, 'empty.png')
    writeFileSync(empty, '')
    expect((await asyncRefusal(t.core.acceptance.attachScan(id, empty))).params?.problem).toBe(
      'EMPTY'
    )
    const big = join(t.dir, 'big.pdf')
    writeFileSync(big, PDF_BYTES)
    truncateSync(big, SCAN_MAX_BYTES + 1)
    expect((await asyncRefusal(t.core.acceptance.attachScan(id, big))).params?.problem).toBe(
      'TOO_LARGE'
    )
    expect(t.core.acceptance.get(deliveryId).scans).toHaveLength(0)
  })
})

describe('acceptance calls through the handlers', () => {
  const call = (name: string, payload: unknown) => dispatch(createHandlers(t.core), name, payload)

  function fakeDialogs(answer: string | null) {
    const asked: { defaultName?: string; filters: unknown }[] = []
    const dialogs: FileDialogs = {
      chooseSavePath: async (defaultName, filters) => {
        asked.push({ defaultName, filters })
        return answer
      },
      chooseOpenPath: async (filters) => {
        asked.push({ filters })
        return answer
      }
    }
    t.core.deps.dialogs = dialogs
    return asked
  }

  async function completeForm(): Promise<number> {
    const got = await call('acceptance.get', { deliveryId })
    const record = (got as { result: AcceptanceRecord }).result
    const saved = await call('acceptance.save', { formId: record.id, form: completed(record) })
    expect(saved.ok).toBe(true)
    return record.id
  }

  it('exports to the path the CLI gives', async () => {
    const formId = await completeForm()
    const path = join(t.dir, 'cli.docx')
    const r = await call('acceptance.export', { formId, path })
    expect(r).toMatchObject({ ok: true, result: { cancelled: false, path, version: 1 } })
    expect(existsSync(path)).toBe(true)
    expect(await call('acceptance.export', { formId, path })).toMatchObject({
      ok: false,
      error: { code: 'FILE_EXISTS', field: 'path' }
    })
  })

  it('asks the save dialog with the default name and replaces the file it confirmed', async () => {
    const formId = await completeForm()
    const chosen = join(t.dir, 'chosen.docx')
    writeFileSync(chosen, 'old copy')
    const asked = fakeDialogs(chosen)
    const r = await call('acceptance.export', { formId })
    expect(r).toMatchObject({ ok: true, result: { cancelled: false, path: chosen } })
    expect(asked).toEqual([
      {
        defaultName: `上线验收单-${LANZHOU.name}-${t.core.today().replace(/-/g, '')}.docx`,
        filters: [{ name: 'Word', extensions: ['docx'] }]
      }
    ])
    expect(readFileSync(chosen).subarray(0, 2).toString()).toBe('PK')
  })

  it('adds .docx to a name typed without an extension', async () => {
    const formId = await completeForm()
    fakeDialogs(join(t.dir, '验收单'))
    const r = await call('acceptance.export', { formId })
    expect(r).toMatchObject({ ok: true, result: { path: join(t.dir, '验收单.docx') } })
  })

  it('answers cancelled when the dialog is closed, and writes nothing', async () => {
    const formId = await completeForm()
    fakeDialogs(null)
    expect(await call('acceptance.export', { formId })).toEqual({
      ok: true,
      result: { cancelled: true }
    })
    expect(t.core.acceptance.get(deliveryId).exports).toHaveLength(0)
    expect(await call('acceptance.verify', {})).toEqual({ ok: true, result: { cancelled: true } })
    expect(await call('acceptance.attachScan', { formId })).toEqual({
      ok: true,
      result: { cancelled: true }
    })
  })

  it('refuses an incomplete form before opening the dialog', async () => {
    const { id } = t.core.acceptance.get(deliveryId)
    const asked = fakeDialogs(join(t.dir, 'never.docx'))
    const r = await call('acceptance.export', { formId: id })
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'FORM_INCOMPLETE',
        field: 'project.goLiveDate',
        params: { missing: expect.arrayContaining(['project.goLiveDate', 'checklist.training']) },
        issues: expect.arrayContaining([
          { code: 'REQUIRED', field: 'project.goLiveDate' },
          { code: 'REQUIRED', field: 'checklist.training' },
          { code: 'REQUIRED', field: 'signatures.customer.signerName' }
        ])
      }
    })
    expect(asked).toHaveLength(0)
  })

  it('needs a path where there is no dialog (the CLI)', async () => {
    const formId = await completeForm()
    expect(await call('acceptance.export', { formId })).toMatchObject({
      ok: false,
      error: { code: 'REQUIRED', field: 'path' }
    })
  })

  it('verifies the file picked in the open dialog and attaches a scan from it', async () => {
    const formId = await completeForm()
    const path = join(t.dir, 'v.docx')
    await call('acceptance.export', { formId, path })
    fakeDialogs(path)
    expect(await call('acceptance.verify', {})).toMatchObject({
      ok: true,
      result: { cancelled: false, matches: true, export: { path } }
    })
    const scan = join(t.dir, 'scan.pdf')
    writeFileSync(scan, PDF_BYTES)
    fakeDialogs(scan)
    expect(await call('acceptance.attachScan', { formId })).toMatchObject({
      ok: true,
      result: { cancelled: false, scan: { mime: 'application/pdf', fileName: 'scan.pdf' } }
    })
  })

  it('refuses a form carrying a field it does not have, such as a secret', async () => {
    const { id, form } = t.core.acceptance.get(deliveryId)
    const withSecret = { ...form, project: { ...form.project, clientSecret: 's3cr3t' } }
    const r = await call('acceptance.save', { formId: id, form: withSecret })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(JSON.stringify(t.core.acceptance.get(deliveryId))).not.toContain('s3cr3t')
  })

  it('signs through the contract and names a refused image', async () => {
    const { id } = t.core.acceptance.get(deliveryId)
    const ok = await call('acceptance.sign', {
      formId: id,
      party: 'customer',
      signerName: '张伟',
      image: { mime: 'image/png', base64: PNG_BASE64 }
    })
    expect(ok.ok).toBe(true)
    const refused = await call('acceptance.sign', {
      formId: id,
      party: 'customer',
      signerName: '张伟',
      image: { mime: 'image/jpeg', base64: Buffer.from('GIF89a....').toString('base64') }
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'SIGNATURE_IMAGE',
        field: 'image',
        params: { problem: 'NOT_AN_IMAGE' }
      }
    })
  })
})
