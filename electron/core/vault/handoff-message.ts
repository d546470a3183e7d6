/**
 * The chat message that hands the issued keys to the customer, in the runbook's exact shape:
 * company name, tax ID, the fixed sentence, then one `key：value` line per secret with a
 * full-width colon, in the runbook's order.
 */
import { CREDENTIAL_FIELD_KEYS, type CredentialField } from './credential-fields'

export const HANDOFF_INTRO = '已经配置好了，相关密钥是：'

export function formatHandoffMessage(
  customer: { name: string; taxId: string },
  secrets: Readonly<Record<CredentialField, string>>
): string {
  return [
    customer.name,
    customer.taxId,
    HANDOFF_INTRO,
    ...CREDENTIAL_FIELD_KEYS.map((field) => `${field}：${secrets[field]}`)
  ].join('\n')
}
