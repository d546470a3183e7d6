import { ISSUE_MESSAGES } from '@core/errors/messages'

export default {
  app: { name: '交付台', subtitle: '发票云交付助手' },
  nav: {
    customers: '客户',
    deliveries: '交付',
    settings: '设置',
    search: '搜索',
    newCustomer: '新建客户'
  },
  common: {
    save: '保存',
    cancel: '取消',
    back: '返回',
    edit: '编辑',
    create: '新建',
    archive: '归档',
    restore: '恢复',
    loading: '加载中…',
    saved: '已保存',
    none: '无',
    confirm: '确定',
    retry: '重试',
    unexpected: '出错了：{message}'
  },
  fields: {
    name: '企业名称',
    taxId: '企业税号（统一社会信用代码）',
    address: '地址',
    phone: '电话',
    bankName: '开户银行',
    bankAccount: '银行账号',
    invoicer: '开票员',
    adminMobile: '管理员手机号',
    contactName: '联系人',
    contactPhone: '联系电话',
    email: '预留邮箱',
    notes: '备注',
    createdAt: '创建时间',
    updatedAt: '更新时间',
    archivedAt: '归档时间'
  },
  placeholders: {
    name: '与营业执照一致，如：兰州某某科技有限公司',
    taxId: '18 位，如 91440300MA5G3K7P0R',
    address: '开票地址',
    phone: '如 0931-8888888',
    bankName: '如 中国工商银行兰州城关支行',
    bankAccount: '8–30 位数字',
    invoicer: '开票员姓名',
    adminMobile: '登录商户平台用的手机号',
    contactName: '客户方联系人',
    contactPhone: '手机或座机',
    email: '多个用逗号分隔',
    notes: ''
  },
  customers: {
    columns: { taxId: '企业税号' },
    title: '客户',
    searchPlaceholder: '搜索名称、税号、联系人、地址、电话（Ctrl+K）',
    activeOnly: '在用',
    showArchived: '含已归档',
    archivedOnly: '仅已归档',
    total: '共 {n} 个客户',
    sort: { relevance: '相关度', name: '名称', updatedAt: '最近更新', createdAt: '创建时间' },
    emptyTitle: '还没有客户',
    emptyHint: '点击「新建客户」录入第一个客户，或用命令行 desk customers import 导入 CSV。',
    noMatch: '没有找到包含「{query}」的客户',
    noMatchHint: '可以换个关键词，或检查是否已归档。',
    archivedTag: '已归档',
    overriddenTag: '税号强制保存',
    newTitle: '新建客户',
    editTitle: '编辑客户',
    sections: { master: '开票信息', contact: '联系信息', other: '其他' },
    requiredHint: '带 * 为必填；其余可以稍后补全，交付阶段会提示。',
    duplicate: '该税号已属于客户「{name}」',
    openExisting: '打开该客户',
    overrideToggle: '这是历史遗留代码，仍要保存',
    overrideReason: '强制保存理由（将记入审计日志）',
    overrideReasonPlaceholder: '如：营业执照原件如此，已与客户核实',
    created: '客户已创建',
    updated: '客户已更新',
    archived: '客户已归档',
    restored: '客户已恢复',
    archiveConfirm: '归档后客户默认不在列表中显示，可随时恢复。确定归档「{name}」？',
    history: '变更记录',
    noHistory: '暂无记录',
    notFound: '找不到这个客户',
    unsaved: '有未保存的修改，确定离开？',
    fixErrors: '请先改正标红的字段'
  },
  audit: {
    actions: {
      'customer.create': '创建',
      'customer.update': '修改',
      'customer.archive': '归档',
      'customer.restore': '恢复',
      'customer.import': '导入'
    },
    changed: '{field}：{from} → {to}'
  },
  settings: {
    title: '设置',
    implementerName: '实施顾问姓名',
    implementerHint: '写入审计日志和验收单',
    language: '界面语言',
    saved: '设置已保存',
    about: '关于',
    dataDir: '数据目录',
    dbPath: '数据库文件',
    schemaVersion: '数据库版本',
    version: '版本'
  },
  search: {
    title: '查找客户',
    placeholder: '输入名称、税号、联系人、地址或电话',
    hint: '↑↓ 选择，Enter 打开，Esc 关闭',
    empty: '没有匹配的客户'
  },
  deliveries: {
    title: '交付',
    emptyTitle: '交付管理',
    emptyHint: '从客户页面发起交付。'
  },
  errors: ISSUE_MESSAGES['zh-CN'].errors,
  warnings: ISSUE_MESSAGES['zh-CN'].warnings
}
