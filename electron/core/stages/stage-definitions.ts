/**
 * The seven runbook stages as data (RUNBOOK.md): titles, guidance restated from the field
 * runbook, checklist items and the data each stage needs. Adding a checklist item is an edit
 * here; answers are stored as JSON per stage, so no migration is needed.
 */
import { INVOICING_FIELDS, type CustomerFieldKey } from '../customers/customer-fields'

export const STAGE_KEYS = [
  'kickoff',
  'activation',
  'customer_info',
  'backend_config',
  'linglong_config',
  'acceptance',
  'support'
] as const
export type StageKey = (typeof STAGE_KEYS)[number]

export const STAGE_STATUSES = ['pending', 'in_progress', 'done', 'blocked', 'skipped'] as const
export type StageStatus = (typeof STAGE_STATUSES)[number]

export interface Localized {
  zh: string
  en: string
}

export interface ChoiceOption {
  value: string
  label: Localized
}

export type ChecklistKind = 'yesno' | 'date' | 'text' | 'choice'

/**
 * The answer of a yes/no item marked `notApplicable` when it does not apply to this customer
 * (e.g. no failed data to delete). It completes the item like "yes" and is stored as this
 * string beside the booleans, so existing yes/no answers stay as they are.
 */
export const NOT_APPLICABLE = 'na'

export interface ChecklistItemDef {
  key: string
  label: Localized
  kind: ChecklistKind
  required: boolean
  /** a yes/no question where either answer completes it (default: only "yes" does) */
  question?: boolean
  /** a yes/no item that may be answered NOT_APPLICABLE, which completes it like "yes" */
  notApplicable?: boolean
  /** required only when another item of the stage has this answer */
  requiredWhen?: { item: string; equals: boolean | string }
  options?: ChoiceOption[]
  /** extra check on a text answer (taxId refuses; invoiceNumber only warns) */
  validate?: 'taxId' | 'invoiceNumber'
  hint?: Localized
  /** the answer a new delivery starts with (the runbook's reference), changeable like any other */
  prefill?: string
}

/** A reference link from the runbook: shown as copyable text, opened only on request. */
export interface GuidanceLink {
  label: Localized
  url: string
}

export interface StageDefinition {
  key: StageKey
  position: number
  title: Localized
  /** what happens in this stage, restated from the runbook (Chinese first) */
  guidance: { zh: string[]; en: string[] }
  links: GuidanceLink[]
  checklist: ChecklistItemDef[]
  /** customer fields shown (and edited in place) on this stage */
  customerFields: CustomerFieldKey[]
  /** customer fields that must be complete and valid before the stage is done */
  requiredCustomerFields: CustomerFieldKey[]
  /** delivery fields that must be set before the stage is done */
  requiredDeliveryFields: ('plannedGoLive' | 'actualGoLive')[]
  /** the five issued secrets must be in the vault before the stage is done */
  requiresStoredCredentials?: boolean
}

const yes = (key: string, zh: string, en: string, required = true): ChecklistItemDef => ({
  key,
  label: { zh, en },
  kind: 'yesno',
  required
})

export const HANDOVER_CHANNELS: ChoiceOption[] = [
  { value: 'wechat', label: { zh: '微信', en: 'WeChat' } },
  { value: 'email', label: { zh: '邮件', en: 'E-mail' } },
  { value: 'in_person', label: { zh: '当面', en: 'In person' } },
  { value: 'phone', label: { zh: '电话', en: 'Phone' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } }
]

export const MERCHANT_PLATFORM_URL = 'https://www.kdfpy.com/?source=piaozone'

export const STAGES: readonly StageDefinition[] = [
  {
    key: 'kickoff',
    position: 1,
    // 交付流程 is the runbook's whole flow; its first stage is the kick-off.
    title: { zh: '交付启动', en: 'Kick-off' },
    guidance: {
      zh: [
        '确认订单已下达、实施顾问已分配。',
        '与客户约定计划上线日期，记录客户联系人、电话和下单时预留的邮箱（激活邮件会发到这个邮箱）。'
      ],
      en: [
        'Confirm the order is placed and the implementer assigned.',
        "Agree the planned go-live date; record the customer's contact, phone and the e-mail reserved at order time (the activation mail goes there)."
      ]
    },
    links: [],
    checklist: [
      yes('order_confirmed', '订单已确认', 'Order confirmed'),
      yes(
        'contact_confirmed',
        '已与客户联系人确认上线计划',
        'Go-live plan confirmed with the contact'
      )
    ],
    customerFields: ['contactName', 'contactPhone', 'email'],
    requiredCustomerFields: ['contactName', 'contactPhone', 'email'],
    requiredDeliveryFields: ['plannedGoLive']
  },
  {
    key: 'activation',
    position: 2,
    title: { zh: '客户激活服务 / 配置数电账号', en: 'Activation' },
    guidance: {
      zh: [
        '下单发票云开票服务后，预留邮箱会收到服务激活邮件，请客户按激活指导完成激活。',
        '如果企业已经在电子税务局开数电票，请客户在发票云微信公众号维护数电账号。'
      ],
      en: [
        'After the order, the reserved mailbox receives the activation mail; the customer activates the service following the activation guide.',
        "If the company already issues fully digital e-invoices (数电票) through the Electronic Tax Bureau (电子税务局), the customer maintains its digital e-invoice account in the e-invoicing cloud's WeChat official account."
      ]
    },
    links: [
      {
        label: { zh: '激活指导', en: 'Activation guide' },
        url: 'https://www.yuque.com/piaozone/implement/oh6f6ngovzb7l4n5'
      },
      {
        label: { zh: '公众号维护数电账号指导', en: 'Maintaining the digital e-invoice account' },
        url: 'https://www.yuque.com/piaozone/implement/de5hmrgt1lz95zdd'
      }
    ],
    checklist: [
      yes('activation_mail_received', '预留邮箱已收到激活邮件', 'Activation mail received'),
      yes('activated', '客户已完成激活', 'Service activated'),
      {
        key: 'activated_on',
        label: { zh: '激活日期', en: 'Activated on' },
        kind: 'date',
        required: true
      },
      {
        ...yes(
          'uses_etax_bureau',
          '企业已通过电子税务局开数电票',
          'Already issues digital e-invoices via the Electronic Tax Bureau'
        ),
        question: true
      },
      {
        key: 'digital_account_maintained',
        label: {
          zh: '已在公众号维护数电账号',
          en: 'Digital e-invoice account maintained in the official account'
        },
        kind: 'yesno',
        required: false,
        requiredWhen: { item: 'uses_etax_bureau', equals: true }
      },
      {
        // the form's row on the invoicer's identity rests on this answer (issue 9)
        ...yes(
          'invoicer_identity_verified',
          '开票员已完成实名（刷脸）认证',
          "The invoicer's identity is verified (face check)"
        ),
        notApplicable: true,
        hint: {
          zh: '开票员用个人所得税 App 或本省税务 App 刷脸完成实名认证',
          en: "The invoicer passes the face check in the 个人所得税 App or the province's tax app"
        }
      }
    ],
    customerFields: ['email'],
    requiredCustomerFields: [],
    requiredDeliveryFields: []
  },
  {
    key: 'customer_info',
    position: 3,
    title: { zh: '客户提供信息', en: 'Customer data' },
    guidance: {
      zh: [
        '向客户收集开票信息：企业名称、企业税号（统一社会信用代码）、地址电话、开户银行和账号、开票员，以及登录商户平台用的管理员手机号。',
        '名称和税号请与营业执照逐字核对；信息齐全且校验通过后本阶段才能完成。'
      ],
      en: [
        'Collect the invoicing data: company name, tax ID, address and phone, bank and account, invoicer, and the admin mobile used to log in to the merchant platform.',
        'Check name and tax ID against the business licence; the stage completes only when everything is present and valid.'
      ]
    },
    links: [],
    checklist: [
      {
        key: 'received_via',
        label: { zh: '信息获取方式', en: 'Received via' },
        kind: 'choice',
        required: false,
        options: HANDOVER_CHANNELS
      }
    ],
    customerFields: [...INVOICING_FIELDS],
    requiredCustomerFields: [...INVOICING_FIELDS],
    requiredDeliveryFields: []
  },
  {
    key: 'backend_config',
    position: 4,
    title: { zh: '发票云后台配置', en: 'Back office' },
    guidance: {
      zh: [
        '在发票云后台把企业信息维护完整：地址电话、开户银行和账号都要填写。',
        '在发票云后台【运营&售后】的老运维平台菜单中做配置，参考历史配置 91640100MADXRUAJ9U（已预填，参考其他客户时改为其税号）。',
        '把发放的五个密钥（clientId、clientSecret、encryptKey、fkey、fpublicKey）存入本机密钥库，再按固定格式发送给客户，并记录发送给了谁、通过什么方式、何时发送。'
      ],
      en: [
        'Complete the enterprise information in the back office: address/phone and bank/account.',
        "Configure the tenant in the menu of the old operations platform (老运维平台) under Operations & After-sales, copying the reference configuration 91640100MADXRUAJ9U (prefilled; change it when another customer's configuration is used).",
        'Store the five issued keys in the vault on this laptop, send them to the customer in the standard message, and record who received them, by which channel and when.'
      ]
    },
    links: [],
    checklist: [
      yes(
        'enterprise_info_complete',
        '后台企业信息已维护完整',
        'Enterprise info complete in the back office'
      ),
      {
        key: 'reference_tax_id',
        label: { zh: '参考配置的税号', en: 'Reference configuration tax ID' },
        kind: 'text',
        required: true,
        validate: 'taxId',
        hint: {
          zh: '运行手册的参考配置：91640100MADXRUAJ9U',
          en: "The runbook's reference: 91640100MADXRUAJ9U"
        },
        prefill: '91640100MADXRUAJ9U'
      },
      yes('tenant_configured', '老运维平台已完成配置', 'Configured in the old operations platform'),
      {
        key: 'keys_handed_over_on',
        label: { zh: '密钥发送日期', en: 'Keys sent on' },
        kind: 'date',
        required: true
      },
      {
        key: 'keys_handed_over_via',
        label: { zh: '密钥发送方式', en: 'Keys sent via' },
        kind: 'choice',
        required: true,
        options: HANDOVER_CHANNELS
      },
      // Copying the message is not sending it: these two are answered when the implementer
      // confirms the message went out (credentials.confirmHandoff), or by hand.
      {
        key: 'keys_recipient',
        label: { zh: '密钥接收人', en: 'Keys received by' },
        kind: 'text',
        required: true,
        hint: { zh: '客户指定的联系人姓名', en: "The customer's designated contact" }
      },
      yes('keys_sent', '密钥消息已发送给客户', 'Key message sent to the customer')
    ],
    customerFields: ['address', 'phone', 'bankName', 'bankAccount'],
    requiredCustomerFields: [],
    requiredDeliveryFields: [],
    requiresStoredCredentials: true
  },
  {
    key: 'linglong_config',
    position: 5,
    title: { zh: '玲珑系统配置', en: 'Linglong setup' },
    guidance: {
      zh: [
        '把密钥录入客户的玲珑系统，开出首张发票，记录发票号码和开票日期。',
        '数电发票一经开具就是正式发票：不能作废，只能在确认红字确认单后开具红字发票冲销。请用真实业务开具首张发票，不要开“测试票”。'
      ],
      en: [
        "Enter the keys into the customer's Linglong system, issue the first invoice and record its number and date.",
        'A 数电 invoice is a real invoice from the moment it is issued: it cannot be voided, only reversed with a 红字发票 after a 红字确认单. Issue the first invoice for real business, not as a "test".'
      ]
    },
    links: [],
    // Keys were test_invoice_* before issue 9; migration 006 renamed stored answers.
    checklist: [
      yes('keys_entered', '密钥已录入玲珑系统', 'Keys entered into Linglong'),
      {
        ...yes('first_invoice_issued', '首张发票已开具', 'First invoice issued'),
        hint: {
          zh: '数电票不能作废，只能开红字发票冲销',
          en: 'A 数电 invoice cannot be voided, only reversed with a 红字发票'
        }
      },
      {
        key: 'first_invoice_on',
        label: { zh: '首张发票开票日期', en: 'First invoice date' },
        kind: 'date',
        required: true
      },
      {
        key: 'first_invoice_number',
        label: { zh: '首张发票号码', en: 'First invoice number' },
        kind: 'text',
        required: true,
        validate: 'invoiceNumber',
        hint: {
          zh: '数电发票号码为 20 位数字，前两位是年份',
          en: 'A 数电 invoice number has 20 digits; the first two are the year'
        }
      }
    ],
    customerFields: [],
    requiredCustomerFields: [],
    requiredDeliveryFields: []
  },
  {
    key: 'acceptance',
    position: 6,
    title: { zh: '上线验收单', en: 'Acceptance' },
    guidance: {
      zh: [
        '双方在上线验收单上签字（可在本机手写签名，或导出后纸质签字盖章），导出 Word 文档存档。'
      ],
      en: [
        'Both parties sign the go-live acceptance form (on screen, or on paper after export); the Word document is kept.'
      ]
    },
    links: [],
    checklist: [
      yes('form_signed', '验收单已双方签字', 'Acceptance form signed by both parties'),
      { key: 'signed_on', label: { zh: '签字日期', en: 'Signed on' }, kind: 'date', required: true }
    ],
    customerFields: [],
    requiredCustomerFields: [],
    requiredDeliveryFields: ['actualGoLive']
  },
  {
    key: 'support',
    position: 7,
    title: { zh: '开票失败处理', en: 'Failed invoices' },
    guidance: {
      zh: [
        '上线后开票失败时，用下单预留的管理员手机号登录商户运营平台。',
        '页面路径：销项发票管理 → 未开票数据查询。在这里删除开票失败的数据，扫码开票的购买方即可重新扫码提交。',
        '注意：如果已经开票成功、只需重发邮件，进【开票查询】页面使用重发邮件功能。'
      ],
      en: [
        'When invoices fail after go-live, log in to the merchant operations platform with the admin mobile reserved at order time.',
        'Page 销项发票管理 (sales invoices) → 未开票数据查询 (uninvoiced data): delete the failed data there so the buyer who scanned the code can scan and submit again.',
        'If the invoice was issued and only the e-mail must be resent, use the resend action on page 开票查询 (issued invoices).'
      ]
    },
    links: [
      {
        label: { zh: '商户运营平台', en: 'Merchant operations platform' },
        url: MERCHANT_PLATFORM_URL
      }
    ],
    // what the customer was shown, so the form's training row rests on recorded answers
    checklist: [
      {
        ...yes('resend_email_demonstrated', '已演示重发邮件', 'Resending the e-mail demonstrated'),
        notApplicable: true,
        hint: { zh: '开票查询 → 重发邮件', en: '开票查询 → resend e-mail' }
      },
      {
        ...yes(
          'delete_failed_demonstrated',
          '已演示删除失败数据',
          'Deleting failed invoice data demonstrated'
        ),
        notApplicable: true,
        hint: {
          zh: '销项发票管理 → 未开票数据查询 → 删除',
          en: '销项发票管理 → 未开票数据查询 → delete'
        }
      }
    ],
    customerFields: ['adminMobile'],
    requiredCustomerFields: [],
    requiredDeliveryFields: []
  }
]

/** The answers a new delivery's stage starts with: the items that carry a prefill. */
export function prefilledAnswers(def: StageDefinition): Record<string, string> {
  return Object.fromEntries(
    def.checklist.flatMap((item) => (item.prefill ? [[item.key, item.prefill]] : []))
  )
}

export const STAGE_BY_KEY: Readonly<Record<StageKey, StageDefinition>> = Object.fromEntries(
  STAGES.map((s) => [s.key, s])
) as Record<StageKey, StageDefinition>
