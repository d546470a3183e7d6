import {
  createDraftForm,
  type AcceptanceForm
} from '../../../../electron/core/acceptance/acceptance-form'
import { drawSignaturePng, SIGNATURE_JPEG_BASE64 } from './images'

export const CUSTOMER_NAME = '兰州黄河云票科技有限公司'
export const TAX_ID = '91440300MA5G3K7P0R'

/** A filled-in, signed form as an implementer would export it at the end of a delivery. */
export function signedForm(): AcceptanceForm {
  const form = createDraftForm(
    { formNumber: 'YS-20260318-0007', version: 2 },
    {
      projectName: '兰州黄河云票科技有限公司发票云数电开票项目',
      orderNumber: 'HT-2026-0316-042',
      customerName: CUSTOMER_NAME,
      taxId: TAX_ID,
      contactName: '王建国',
      contactPhone: '0931-8866123',
      implementingCompany: '甘肃数智财税服务有限公司',
      implementer: '李晓明',
      products: '发票云（数电开票）、玲珑开票系统对接',
      goLiveDate: '2026-03-16',
      acceptanceDate: '2026-03-18',
      serviceStart: '2026-03-16',
      serviceEnd: '2027-03-15',
      method: 'onsite'
    }
  )
  form.invoicing = {
    name: CUSTOMER_NAME,
    taxId: TAX_ID,
    address: '甘肃省兰州市城关区东岗西路 588 号',
    phone: '0931-8866123',
    bankName: '中国工商银行兰州城关支行',
    bankAccount: '2703000109200123456',
    invoicer: '赵丽',
    adminMobile: '13893112345',
    email: 'caiwu@example.cn'
  }
  form.participants = [
    { name: '王建国', side: 'customer', title: '财务经理' },
    { name: '赵丽', side: 'customer', title: '开票员' },
    { name: '李晓明', side: 'implementer', title: '实施顾问' }
  ]
  form.attachments = [
    { name: '首张发票.pdf', stage: 'linglong_config', sha256: 'ab'.repeat(32) },
    { name: '激活邮件.png', stage: 'activation', sha256: 'cd'.repeat(32) }
  ]
  const remarks: Record<string, string> = {
    service_activated: '3月10日激活，管理员手机号 138****5678 登录正常',
    first_invoice: '首张发票 2026-03-16，号码 26622000000012345678（20 位）',
    invoice_email: '已送达 caiwu@example.cn，并现场演示重发',
    failure_handling: '删除失败数据 1 条后重新扫码开票成功',
    support_channel: '企业微信群“黄河云票-发票云上线”，工作日 2 小时内响应'
  }
  form.checklist = form.checklist.map((row) => ({
    ...row,
    result: row.key === 'training' ? 'na' : 'pass',
    decidedBy: row.key === 'first_invoice' ? 'evidence' : 'implementer',
    remarks: remarks[row.key] ?? (row.key === 'training' ? '客户已有开票经验，按需另约' : '')
  }))
  form.checklist.push({
    key: 'custom_red_letter',
    item: '红字发票流程说明',
    standard: '已说明红字确认单的发起与确认流程。',
    result: 'pass',
    decidedBy: 'implementer',
    remarks: ''
  })
  form.openIssues = [
    {
      description: '第二开票点（城关区门店）玲珑终端尚未安装，待门店装修完成后配置',
      owner: '李晓明',
      dueDate: '2026-04-10'
    },
    { description: '财务人员补充培训（红字发票）', owner: '王建国', dueDate: '2026-03-31' }
  ]
  form.conclusion = 'conditional'
  form.conditions = '城关区门店开票点完成玲珑终端配置并开具首张发票后，视为全部验收通过。'
  form.deadline = '2026-04-10'
  form.remarks = '本次验收范围为总部开票点。\n门店开票点按遗留问题 1 跟进。'
  form.signatures = {
    customer: {
      signerName: '王建国',
      title: '财务经理',
      date: '2026-03-18',
      image: { mime: 'image/png', base64: drawSignaturePng().toString('base64') }
    },
    implementer: {
      signerName: '李晓明',
      title: '实施顾问',
      date: '2026-03-18',
      image: { mime: 'image/jpeg', base64: SIGNATURE_JPEG_BASE64 }
    }
  }
  return form
}
