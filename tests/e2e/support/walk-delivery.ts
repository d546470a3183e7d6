/**
 * A whole delivery recorded through the core, as an implementer walks it: the customer's
 * invoicing data, activation, back-office configuration with the key hand-off, the first
 * invoice and the support demonstrations. Items a stage does not define (yet) are left out,
 * so the walk records exactly what the stages ask.
 */
import type { Core } from '../../../electron/core/core'
import { STAGE_BY_KEY, type StageKey } from '../../../electron/core/stages/stage-definitions'
import type { Answers } from '../../../electron/core/stages/stage-rules'

export const FIRST_INVOICE = { number: '26622000000012345678', on: '2026-03-16' }
export const BANK_ACCOUNT = '2703000109200123456'

function defined(stage: StageKey, answers: Answers): Answers {
  const items = new Set(STAGE_BY_KEY[stage].checklist.map((i) => i.key))
  return Object.fromEntries(Object.entries(answers).filter(([key]) => items.has(key)))
}

export function walkWholeDelivery(core: Core, deliveryId: number): void {
  const record = (stage: StageKey, answers: Answers) =>
    core.deliveries.updateStage({ deliveryId, stage, answers: defined(stage, answers) })
  record('kickoff', { order_confirmed: true, contact_confirmed: true })
  record('activation', {
    activation_mail_received: true,
    activated: true,
    activated_on: '2026-03-10',
    uses_etax_bureau: true,
    digital_account_maintained: true,
    invoicer_identity_verified: true
  })
  record('customer_info', { received_via: 'wechat' })
  record('backend_config', {
    enterprise_info_complete: true,
    reference_tax_id: '91640100MADXRUAJ9U',
    tenant_configured: true,
    keys_handed_over_on: '2026-03-12',
    keys_handed_over_via: 'wechat',
    keys_recipient: '张伟',
    keys_sent: true
  })
  record('linglong_config', {
    keys_entered: true,
    test_invoice_issued: true,
    test_invoice_on: FIRST_INVOICE.on,
    test_invoice_number: FIRST_INVOICE.number,
    first_invoice_issued: true,
    first_invoice_on: FIRST_INVOICE.on,
    first_invoice_number: FIRST_INVOICE.number
  })
  record('support', { resend_email_demonstrated: true, delete_failed_demonstrated: true })
}
