/**
 * A new acceptance form prefilled from what the desk already knows, and a draft kept in step
 * with it. Pure: plain objects in, a form out; the service fetches them from the deliveries,
 * customers and evidence domains. What it writes is form content (the document is in Chinese),
 * not a message.
 *
 * Only recorded facts go in: the go-live date is the delivery's ACTUAL one (a planned date is
 * never 上线日期), the checklist rows are decided by acceptance-evidence.ts, the 开通/开票信息
 * block is the customer's record and 附件清单 the delivery's evidence files.
 */
import type { Customer } from '../customers/customer-fields'
import type { Delivery, StageProgress } from '../deliveries/delivery-types'
import { LEGACY_UNSET_IMPLEMENTER } from '../settings/settings-schema'
import { createDraftForm, type AcceptanceForm, type InvoicingInfo } from './acceptance-form'
import { applyEvidence, type EvidenceItem, type FormFacts } from './acceptance-evidence'

export type PrefillCustomer = Pick<
  Customer,
  | 'name'
  | 'taxId'
  | 'address'
  | 'phone'
  | 'bankName'
  | 'bankAccount'
  | 'invoicer'
  | 'adminMobile'
  | 'email'
  | 'contactName'
  | 'contactPhone'
>

export interface PrefillSource {
  customer: PrefillCustomer
  delivery: Pick<Delivery, 'orderNumber' | 'products' | 'implementer' | 'actualGoLive'>
  stages: readonly Pick<StageProgress, 'stage' | 'answers'>[]
  evidence: readonly EvidenceItem[]
  formNumber: string
  /** YYYY-MM-DD, the acceptance date proposed */
  today: string
  /** the implementing company typed on the previous form; it rarely changes */
  implementingCompany: string
  /** N of the optional 视为验收 clause, from Settings */
  deemedAcceptanceDays: number
}

type FactSource = Pick<PrefillSource, 'customer' | 'delivery' | 'stages' | 'evidence'>

export function implementerOf(delivery: Pick<Delivery, 'implementer'>): string {
  return delivery.implementer === LEGACY_UNSET_IMPLEMENTER ? '' : delivery.implementer
}

/** The facts the rows are decided from. */
export function factsOf(source: FactSource): FormFacts {
  return {
    answers: Object.fromEntries(source.stages.map((s) => [s.stage, s.answers])),
    customer: source.customer,
    implementer: implementerOf(source.delivery),
    evidence: source.evidence
  }
}

function invoicingOf(customer: PrefillCustomer): InvoicingInfo {
  const { name, taxId, address, phone, bankName, bankAccount, invoicer, adminMobile, email } =
    customer
  return { name, taxId, address, phone, bankName, bankAccount, invoicer, adminMobile, email }
}

/** The first version of a delivery's form: project facts filled, rows decided by the facts. */
export function prefillForm(source: PrefillSource): AcceptanceForm {
  const { customer, delivery } = source
  const implementer = implementerOf(delivery)
  const form = createDraftForm(
    { formNumber: source.formNumber },
    {
      projectName: `${customer.name}发票云数电开票项目`,
      orderNumber: delivery.orderNumber,
      customerName: customer.name,
      taxId: customer.taxId,
      contactName: customer.contactName,
      contactPhone: customer.contactPhone,
      implementingCompany: source.implementingCompany,
      implementer,
      products: delivery.products.join('、'),
      acceptanceDate: source.today
    }
  )
  form.signatures.implementer.signerName = implementer
  form.deemedAcceptance = { enabled: false, days: source.deemedAcceptanceDays }
  return refreshDraft(form, source)
}

/**
 * A draft brought up to date with the records: the go-live date, the 开通/开票信息 block, the
 * attachment list and the rows the facts decide. A signed version is never passed here.
 */
export function refreshDraft(form: AcceptanceForm, source: FactSource): AcceptanceForm {
  return {
    ...form,
    project: { ...form.project, goLiveDate: source.delivery.actualGoLive ?? '' },
    invoicing: invoicingOf(source.customer),
    attachments: source.evidence.map((e) => ({ name: e.name, stage: e.stage, sha256: e.sha256 })),
    checklist: applyEvidence(form.checklist, factsOf(source))
  }
}
