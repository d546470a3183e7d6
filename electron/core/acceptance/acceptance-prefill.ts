/**
 * A new acceptance form prefilled from what the desk already knows: the customer, the delivery
 * and its stage records. Pure: plain objects in, a draft out; the service fetches them from
 * the deliveries and customers domains. What it writes is form content (the document is in
 * Chinese), not a message.
 */
import type { Customer } from '../customers/customer-fields'
import type { Delivery, StageProgress } from '../deliveries/delivery-types'
import { HANDOVER_CHANNELS, type StageKey } from '../stages/stage-definitions'
import { actorName, DEFAULT_SETTINGS } from '../settings/settings-schema'
import {
  DEFAULT_CHECKLIST,
  createDraftForm,
  type AcceptanceForm,
  type ChecklistRow
} from './acceptance-form'

/** What a delivery created before the implementer's name was set holds instead of a name. */
const UNSET_IMPLEMENTER = actorName(DEFAULT_SETTINGS)

export interface PrefillSource {
  customer: Pick<Customer, 'name' | 'taxId' | 'contactName' | 'contactPhone'>
  delivery: Pick<
    Delivery,
    'orderNumber' | 'products' | 'implementer' | 'plannedGoLive' | 'actualGoLive'
  >
  stages: readonly Pick<StageProgress, 'stage' | 'status' | 'answers'>[]
  formNumber: string
  /** YYYY-MM-DD, the acceptance date proposed */
  today: string
  /** the implementing company typed on the previous form; it rarely changes */
  implementingCompany: string
}

/** The first version of a delivery's form: project facts filled, done stages' rows passed. */
export function prefillForm(source: PrefillSource): AcceptanceForm {
  const { customer, delivery } = source
  const implementer = delivery.implementer === UNSET_IMPLEMENTER ? '' : delivery.implementer
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
      goLiveDate: delivery.actualGoLive ?? delivery.plannedGoLive ?? '',
      acceptanceDate: source.today
    }
  )
  const stages = new Map(source.stages.map((s) => [s.stage, s]))
  const done = (stage: StageKey): boolean => stages.get(stage)?.status === 'done'
  const answer = (stage: StageKey, key: string): string => {
    const value = stages.get(stage)?.answers[key]
    return typeof value === 'string' ? value : ''
  }
  const remarks = recordedRemarks(answer)
  form.checklist = form.checklist.map((row): ChecklistRow => {
    const def = DEFAULT_CHECKLIST.find((d) => d.key === row.key)
    return {
      ...row,
      result: def && done(def.stage) ? 'pass' : null,
      remarks: remarks[row.key] ?? ''
    }
  })
  form.signatures.implementer.signerName = implementer
  return form
}

/** Evidence the stage records already hold, written into the matching rows' remarks. */
function recordedRemarks(answer: (stage: StageKey, key: string) => string): Record<string, string> {
  const remarks: Record<string, string> = {}
  const activatedOn = answer('activation', 'activated_on')
  if (activatedOn) remarks.service_activated = `${activatedOn} 完成激活`
  const handedOverOn = answer('backend_config', 'keys_handed_over_on')
  const via = HANDOVER_CHANNELS.find(
    (c) => c.value === answer('backend_config', 'keys_handed_over_via')
  )
  if (handedOverOn)
    remarks.tenant_keys = `密钥于 ${handedOverOn}${via ? `通过${via.label.zh}` : ''}交付`
  const invoiceNumber = answer('linglong_config', 'first_invoice_number')
  const invoiceOn = answer('linglong_config', 'first_invoice_on')
  if (invoiceNumber || invoiceOn) {
    remarks.first_invoice = [
      invoiceNumber && `发票号码 ${invoiceNumber}`,
      invoiceOn && `${invoiceOn} 开具`
    ]
      .filter(Boolean)
      .join('，')
  }
  return remarks
}
