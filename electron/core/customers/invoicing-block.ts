/**
 * The texts a customer's 开票信息 travels in: the block in the runbook's layout (企业名称,
 * 企业税号, 地址电话, 开户银行和账号) to copy into a chat or an order, and the message asking a
 * customer for it. Chinese whatever the app's language: they go to Chinese customers and
 * colleagues. Pure, so the page builds them from the customer it already shows.
 */
import type { CustomerFields } from './customer-fields'

type InvoicingFields = Pick<
  CustomerFields,
  'name' | 'taxId' | 'address' | 'phone' | 'bankName' | 'bankAccount'
>

const joined = (a: string, b: string): string => [a.trim(), b.trim()].filter(Boolean).join(' ')

/** The 开票信息 block, one `label：value` line per item, as RUNBOOK stage 3 shows it. */
export function formatInvoicingBlock(customer: InvoicingFields): string {
  return [
    `企业名称：${customer.name}`,
    `企业税号：${customer.taxId}`,
    `地址电话：${joined(customer.address, customer.phone)}`,
    `开户银行和账号：${joined(customer.bankName, customer.bankAccount)}`
  ].join('\n')
}

/** The message asking a customer for its invoicing details (what 粘贴识别 then reads). */
export function invoicingRequestMessage(customerName?: string): string {
  const greeting = customerName?.trim() ? `${customerName.trim()}您好，` : '您好，'
  return [
    `${greeting}为开通发票云开票服务，请提供以下开票信息（可直接复制营业执照或开票资料）：`,
    '企业名称：',
    '企业税号（统一社会信用代码）：',
    '地址电话：',
    '开户银行和账号：',
    '开票员：',
    '管理员手机号（登录商户运营平台用）：',
    '接收激活邮件的邮箱：',
    '谢谢！'
  ].join('\n')
}
