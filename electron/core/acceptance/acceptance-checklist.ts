/**
 * The default checklist rows of the acceptance form as data: what each checks, and the recorded
 * facts it rests on (issue 9). A row is prefilled only from those facts (acceptance-evidence.ts);
 * a row (a custom one) that names none is always decided by the implementer. Keys are stable: they are stored
 * with the form and named in refusals (`checklist.<rowKey>`).
 *
 * No Node imports: the page reads the row definitions too.
 */

/**
 * A recorded fact a row may rest on. The page names a missing one by its key (src/i18n);
 * acceptance-evidence.ts says where each is read from and how the form quotes it.
 */
export const FACT_KEYS = [
  'activation.activated',
  'activation.invoicer_verified',
  'activation.digital_account',
  'customer.admin_mobile',
  'customer.invoicer',
  'customer.invoicing_data',
  'customer.contact',
  'backend_config.enterprise_info_complete',
  'backend_config.tenant_configured',
  'backend_config.keys_handed_over',
  'linglong_config.keys_entered',
  'linglong_config.first_invoice',
  'support.resend_mail_demo',
  'support.failed_data_demo',
  'delivery.implementer'
] as const
export type FactKey = (typeof FACT_KEYS)[number]

export interface ChecklistRowDef {
  key: string
  /** 验收项目 */
  item: string
  /** 验收标准 */
  standard: string
  /** the facts the row rests on; all must be recorded for it to be prefilled */
  facts: readonly FactKey[]
  /** stages whose attachments (screenshots, the first invoice) the row shows */
  attachmentStages: readonly string[]
}

/** The ten default rows. */
export const DEFAULT_CHECKLIST: readonly ChecklistRowDef[] = [
  {
    key: 'service_activated',
    item: '服务开通及商户平台登录',
    standard: '客户已按激活指引完成服务激活；使用下单时预留的管理员手机号可正常登录商户运营平台。',
    facts: ['activation.activated', 'customer.admin_mobile'],
    attachmentStages: ['activation']
  },
  {
    key: 'digital_account',
    item: '数电账号维护及开票员实名认证',
    standard: '已在服务公众号中维护数电账号（电子税务局账号），开票员已完成实名（刷脸）认证。',
    facts: ['activation.digital_account', 'activation.invoicer_verified', 'customer.invoicer'],
    attachmentStages: ['activation']
  },
  {
    key: 'enterprise_info',
    item: '企业信息核对',
    standard:
      '后台企业名称、统一社会信用代码、地址电话、开户银行及账号填写完整，并与本单“开通/开票信息”一致。',
    facts: ['customer.invoicing_data', 'backend_config.enterprise_info_complete'],
    attachmentStages: ['customer_info', 'backend_config']
  },
  {
    key: 'tenant_keys',
    item: '租户配置及密钥发送',
    standard: '老运维平台配置完成；接入密钥已通过约定的渠道发送给客户指定人员。',
    facts: ['backend_config.tenant_configured', 'backend_config.keys_handed_over'],
    attachmentStages: ['backend_config']
  },
  {
    key: 'linglong',
    item: '玲珑系统配置及连通',
    standard: '接入密钥已录入客户玲珑系统，与发票云连通正常（以首张发票开具成功为准）。',
    facts: ['linglong_config.keys_entered', 'linglong_config.first_invoice'],
    attachmentStages: ['linglong_config']
  },
  {
    key: 'first_invoice',
    item: '首张发票开具',
    standard:
      '已成功开具首张数电发票（真实发票，不能作废，只能开具红字发票冲红），发票号码（20 位）及日期记录于说明栏。',
    facts: ['linglong_config.first_invoice'],
    attachmentStages: ['linglong_config']
  },
  {
    key: 'invoice_email',
    item: '发票邮件重发',
    standard: '已演示在“开票查询”页面重新发送发票邮件。',
    facts: ['support.resend_mail_demo'],
    attachmentStages: ['support']
  },
  {
    key: 'failure_handling',
    item: '开票失败处理演示',
    standard: '已演示在“销项发票管理 → 未开票数据查询”中删除开票失败的数据，以便重新扫码提交。',
    facts: ['support.failed_data_demo'],
    attachmentStages: ['support']
  },
  {
    key: 'training',
    item: '操作培训',
    standard: '已对客户开票员及管理员完成开票、查询、邮件重发及失败处理等操作培训。',
    // 开票, 邮件重发 and 失败处理 as recorded on the stages: what the customer was shown
    facts: [
      'linglong_config.first_invoice',
      'support.resend_mail_demo',
      'support.failed_data_demo'
    ],
    attachmentStages: ['support']
  },
  {
    key: 'support_channel',
    item: '售后支持渠道',
    standard: '双方已约定上线后问题的反馈渠道及对接人。',
    facts: ['customer.contact', 'delivery.implementer'],
    attachmentStages: []
  }
]

export const ROW_BY_KEY: ReadonlyMap<string, ChecklistRowDef> = new Map(
  DEFAULT_CHECKLIST.map((row) => [row.key, row])
)
