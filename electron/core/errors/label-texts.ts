/**
 * The words for keys that refusals carry and no data module names: stage statuses, delivery
 * dates, acceptance-form fields, file and image problems, input problems. Customer fields,
 * stages, checklist items and secrets are named by their own data modules (customer-fields,
 * stage-definitions, credential-fields, acceptance-form); labels.ts combines both.
 * Part of the message catalogue (messages.ts includes it as `labels`).
 */
const ZH = {
  stageStatus: {
    pending: '未开始',
    in_progress: '进行中',
    done: '已完成',
    blocked: '受阻',
    skipped: '已跳过'
  },
  deliveryField: { plannedGoLive: '计划上线日期', actualGoLive: '实际上线日期' },
  /** acceptance-form keys; `checklist.<row>` is labelled from the row's own item text */
  formField: {
    'project.projectName': '项目名称',
    'project.orderNumber': '订单/合同号',
    'project.customerName': '客户名称',
    'project.taxId': '统一社会信用代码',
    'project.contactName': '客户联系人',
    'project.contactPhone': '联系电话',
    'project.implementingCompany': '实施单位',
    'project.implementer': '实施顾问',
    'project.products': '上线产品',
    'project.goLiveDate': '上线日期',
    'project.acceptanceDate': '验收日期',
    conclusion: '验收结论',
    conditions: '整改条件',
    deadline: '整改期限',
    reason: '不通过原因',
    'customer.company': '客户单位名称',
    'customer.signerName': '客户签字人姓名',
    'customer.title': '客户签字人职务',
    'customer.date': '客户签字日期',
    'implementer.company': '实施单位名称',
    'implementer.signerName': '实施方签字人姓名',
    'implementer.title': '实施方签字人职务',
    'implementer.date': '实施方签字日期'
  },
  /** `{item}` is the row's text as written on the form */
  checklistRow: '检查项「{item}」的结果',
  /** a secret that must be stored in the vault before a stage is done */
  inVault: '{label}（密钥库）',
  csvMissingColumns: '缺少列 {missing}',
  csvReason: { empty: '文件是空的' },
  signatureProblem: {
    NOT_BASE64: '内容不是有效的 base64 编码',
    TOO_LARGE: '图片超过 2 MB',
    NOT_AN_IMAGE: '按文件内容判断，它不是 PNG 或 JPEG 图片',
    MIME_MISMATCH: '文件内容与声明的图片类型不符',
    DIMENSIONS: '图片宽或高超过 4000 像素'
  },
  scanProblem: {
    EMPTY: '文件是空的',
    TOO_LARGE: '文件超过 15 MB',
    NOT_SUPPORTED: '按文件内容判断，它不是 PDF、PNG 或 JPEG'
  },
  /** zod issue codes, for contract refusals */
  inputProblem: {
    invalid_type: '类型不对',
    too_big: '太大或太长',
    too_small: '太小或太短',
    invalid_format: '格式不对',
    invalid_value: '不是允许的值',
    unrecognized_keys: '含有不认识的字段',
    invalid_union: '不符合任何一种允许的形式',
    invalid_key: '键不对',
    invalid_element: '元素不对',
    not_multiple_of: '不是规定的倍数',
    custom: '不符合要求',
    DUPLICATE_ROW_KEY: '检查项的键重复'
  },
  inputAt: '{path}：{problem}'
} as const

/** The zh-CN tables' shape with words as plain strings: English must fill the same keys. */
export type LabelTexts = {
  [K in keyof typeof ZH]: (typeof ZH)[K] extends string
    ? string
    : { [P in keyof (typeof ZH)[K]]: string }
}

const EN: LabelTexts = {
  stageStatus: {
    pending: 'Pending',
    in_progress: 'In progress',
    done: 'Done',
    blocked: 'Blocked',
    skipped: 'Skipped'
  },
  deliveryField: { plannedGoLive: 'planned go-live date', actualGoLive: 'actual go-live date' },
  formField: {
    'project.projectName': 'project name',
    'project.orderNumber': 'order/contract number',
    'project.customerName': 'customer name',
    'project.taxId': 'tax ID',
    'project.contactName': 'customer contact',
    'project.contactPhone': 'contact phone',
    'project.implementingCompany': 'implementing company',
    'project.implementer': 'implementer',
    'project.products': 'products',
    'project.goLiveDate': 'go-live date',
    'project.acceptanceDate': 'acceptance date',
    conclusion: 'conclusion',
    conditions: 'conditions',
    deadline: 'deadline',
    reason: 'reason for failing',
    'customer.company': "customer's company name",
    'customer.signerName': "customer signer's name",
    'customer.title': "customer signer's title",
    'customer.date': "customer's signing date",
    'implementer.company': "implementer's company name",
    'implementer.signerName': "implementer signer's name",
    'implementer.title': "implementer signer's title",
    'implementer.date': "implementer's signing date"
  },
  checklistRow: 'the result of check “{item}”',
  inVault: '{label} (in the vault)',
  csvMissingColumns: 'missing columns {missing}',
  csvReason: { empty: 'the file is empty' },
  signatureProblem: {
    NOT_BASE64: 'it is not valid base64',
    TOO_LARGE: 'it is larger than 2 MB',
    NOT_AN_IMAGE: 'judged by its bytes, it is not a PNG or JPEG',
    MIME_MISMATCH: 'its bytes do not match the declared type',
    DIMENSIONS: 'it is wider or taller than 4000 pixels'
  },
  scanProblem: {
    EMPTY: 'the file is empty',
    TOO_LARGE: 'the file is larger than 15 MB',
    NOT_SUPPORTED: 'judged by its bytes, it is not a PDF, PNG or JPEG'
  },
  inputProblem: {
    invalid_type: 'wrong type',
    too_big: 'too large or too long',
    too_small: 'too small or too short',
    invalid_format: 'wrong format',
    invalid_value: 'not an allowed value',
    unrecognized_keys: 'has fields that are not known',
    invalid_union: 'matches none of the allowed shapes',
    invalid_key: 'wrong key',
    invalid_element: 'wrong element',
    not_multiple_of: 'not a multiple of the required step',
    custom: 'not acceptable',
    DUPLICATE_ROW_KEY: 'two checklist rows have the same key'
  },
  inputAt: '{path}: {problem}'
}

export const LABEL_TEXTS: Record<'zh-CN' | 'en', LabelTexts> = { 'zh-CN': ZH, en: EN }
