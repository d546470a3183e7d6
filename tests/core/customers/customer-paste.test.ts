import { describe, expect, it } from 'vitest'
import { parseCustomerText } from '../../../electron/core/customers/customer-paste'
import { DeskError } from '../../../electron/core/errors/desk-error'

// valid 统一社会信用代码 (check characters computed with GB 32100)
const A = '91640100MADXRUAJ9U'
const B = '91110108MA01ABCD1E'
const C = '91440300MA5F8K9L2C'
const D = '92620102MA72X3Y4UY'

interface Case {
  name: string
  text: string
  fields: Record<string, string>
  unrecognized?: string[]
}

const CASES: Case[] = [
  {
    name: 'the issue’s example block',
    text: `名称：甘肃兰州中心商贸有限公司
纳税人识别号：${A}
地址、电话：甘肃省兰州市七里河区西津西路16号 0931-8888888
开户行及账号：招商银行兰州分行 931903456710901`,
    fields: {
      name: '甘肃兰州中心商贸有限公司',
      taxId: A,
      address: '甘肃省兰州市七里河区西津西路16号',
      phone: '0931-8888888',
      bankName: '招商银行兰州分行',
      bankAccount: '931903456710901'
    }
  },
  {
    name: 'the runbook’s stage-3 layout with blank lines between',
    text: `企业名称：兰州中心商贸有限公司

企业税号：${A}

地址电话：甘肃省兰州市七里河区西津西路16号兰州中心1楼1-L06  17331239016

开户银行和账号：招商银行股份有限公司兰州高新技术开发区支行 931903456710901

开票员：王丽`,
    fields: {
      name: '兰州中心商贸有限公司',
      taxId: A,
      address: '甘肃省兰州市七里河区西津西路16号兰州中心1楼1-L06',
      phone: '17331239016',
      bankName: '招商银行股份有限公司兰州高新技术开发区支行',
      bankAccount: '931903456710901',
      invoicer: '王丽'
    }
  },
  {
    name: 'greeting and thanks around the block',
    text: `您好，我司开票信息如下：
单位名称：北京青禾科技有限公司
税号：${B}
谢谢！`,
    fields: { name: '北京青禾科技有限公司', taxId: B },
    unrecognized: ['您好，我司开票信息如下：', '谢谢！']
  },
  {
    name: 'half-width colons',
    text: `公司名称:深圳前海云帆贸易有限公司\n税号:${C}\n电话:0755-26881234`,
    fields: { name: '深圳前海云帆贸易有限公司', taxId: C, phone: '0755-26881234' }
  },
  {
    name: 'several fields on one line',
    text: `名称：北京青禾科技有限公司 税号：${B} 开票员：李娜`,
    fields: { name: '北京青禾科技有限公司', taxId: B, invoicer: '李娜' }
  },
  {
    name: 'address and phone given apart',
    text: `名称：北京青禾科技有限公司\n地址：北京市海淀区中关村大街1号\n电话：010-62751234`,
    fields: {
      name: '北京青禾科技有限公司',
      address: '北京市海淀区中关村大街1号',
      phone: '010-62751234'
    }
  },
  {
    name: 'bank and account given apart',
    text: `开户行：中国工商银行北京海淀支行\n账号：0200 0045 0902 0123 456`,
    fields: { bankName: '中国工商银行北京海淀支行', bankAccount: '0200004509020123456' }
  },
  {
    name: 'account with spaces after the bank on one line',
    text: `开户行及账号：中国建设银行深圳前海分行 4425 0100 0034 0000 1234`,
    fields: { bankName: '中国建设银行深圳前海分行', bankAccount: '44250100003400001234' }
  },
  {
    name: 'full-width digits and letters in the tax ID (IME in full-width mode)',
    text: `名称：深圳前海云帆贸易有限公司\n税号：９１４４０３００ＭＡ５Ｆ８Ｋ９Ｌ２Ｃ`,
    fields: { name: '深圳前海云帆贸易有限公司', taxId: C }
  },
  {
    name: 'tax ID with spaces and hyphens between groups',
    text: `纳税人识别号：9144 0300-MA5F 8K9L 2C`,
    fields: { taxId: C }
  },
  {
    name: 'lower-case tax ID',
    text: `统一社会信用代码：${A.toLowerCase()}`,
    fields: { taxId: A }
  },
  {
    name: '购方名称 as on an invoice',
    text: `购方名称：宁夏银川恒丰建材有限公司\n购方税号：${A}`,
    fields: { name: '宁夏银川恒丰建材有限公司', taxId: A }
  },
  {
    name: 'mobile, e-mail and invoicer',
    text: `开票员：赵敏\n手机：138 0013 8000\n邮箱：finance@qinghe.cn`,
    fields: { invoicer: '赵敏', adminMobile: '13800138000', email: 'finance@qinghe.cn' }
  },
  {
    name: 'manager mobile written out in full',
    text: `管理员手机号：+86 139-1234-5678`,
    fields: { adminMobile: '+8613912345678' }
  },
  {
    name: 'the value on the line after its label',
    text: `开户行及账号：\n招商银行兰州分行 931903456710901`,
    fields: { bankName: '招商银行兰州分行', bankAccount: '931903456710901' }
  },
  {
    name: 'bulleted lines copied from a document',
    text: `- 企业名称：北京青禾科技有限公司\n- 税号：${B}`,
    fields: { name: '北京青禾科技有限公司', taxId: B }
  },
  {
    name: 'missing fields are simply absent',
    text: `名称：北京青禾科技有限公司`,
    fields: { name: '北京青禾科技有限公司' }
  },
  {
    name: 'address without a phone stays whole',
    text: `地址电话：甘肃省兰州市城关区东岗西路638号`,
    fields: { address: '甘肃省兰州市城关区东岗西路638号' }
  },
  {
    name: 'landline with extension after the address',
    text: `地址及电话：广东省深圳市南山区科技园科苑路15号 0755-86001234转801`,
    fields: { address: '广东省深圳市南山区科技园科苑路15号', phone: '0755-86001234转801' }
  },
  {
    name: '400 service number after the address',
    text: `地址电话：北京市朝阳区建国路88号 400-820-8820`,
    fields: { address: '北京市朝阳区建国路88号', phone: '400-820-8820' }
  },
  {
    name: 'phone glued to the address',
    text: `地址电话：银川市金凤区北京中路168号0951-5012345`,
    fields: { address: '银川市金凤区北京中路168号', phone: '0951-5012345' }
  },
  {
    name: 'a separate 电话 line wins over the number after the address',
    text: `地址电话：银川市金凤区北京中路168号 0951-5012345\n电话：0951-5099999`,
    fields: { address: '银川市金凤区北京中路168号', phone: '0951-5099999' }
  },
  {
    name: 'spaces before the colon and full-width spaces',
    text: `企业名称\u3000：\u3000宁夏银川恒丰建材有限公司\n税号 ： ${A}`,
    fields: { name: '宁夏银川恒丰建材有限公司', taxId: A }
  },
  {
    name: 'Windows line endings',
    text: `名称：北京青禾科技有限公司\r\n税号：${B}\r\n`,
    fields: { name: '北京青禾科技有限公司', taxId: B }
  },
  {
    name: 'the runbook hand-off layout without labels (name and tax ID on their own lines)',
    text: `甘肃兰州中心商贸有限公司\n${A}\n已经配置好了`,
    fields: { name: '甘肃兰州中心商贸有限公司', taxId: A },
    unrecognized: ['已经配置好了']
  },
  {
    name: 'the same company named twice is not ambiguous',
    text: `名称：北京青禾科技有限公司\n税号：${B}\n发票抬头：北京青禾科技有限公司`,
    fields: { name: '北京青禾科技有限公司', taxId: B }
  },
  {
    name: 'contact person and contact phone',
    text: `联系人：周杰\n联系电话：0931-8123456`,
    fields: { contactName: '周杰', contactPhone: '0931-8123456' }
  },
  {
    name: 'e-mail label in English',
    text: `Email: ap@yunfan.com.cn`,
    fields: { email: 'ap@yunfan.com.cn' }
  },
  {
    name: '帐号 spelling and 开户银行及帐号',
    text: `开户银行及帐号：宁夏银行银川分行营业部 1020 0111 0000 2233`,
    fields: { bankName: '宁夏银行银川分行营业部', bankAccount: '1020011100002233' }
  },
  {
    name: 'a full message from WeChat with everything',
    text: `王工您好，这是我们的开票资料，麻烦帮忙开通一下：
单位名称：甘肃陇原农业发展合作社
统一社会信用代码：${D}
地址：甘肃省天水市秦州区民主路12号
电话：0938-8211234
开户行：甘肃银行天水分行
账号：62010 12345 67890
开票人：马小军
手机号：15909381234
邮箱：lyny@163.com
有问题随时联系`,
    fields: {
      name: '甘肃陇原农业发展合作社',
      taxId: D,
      address: '甘肃省天水市秦州区民主路12号',
      phone: '0938-8211234',
      bankName: '甘肃银行天水分行',
      bankAccount: '620101234567890',
      invoicer: '马小军',
      adminMobile: '15909381234',
      email: 'lyny@163.com'
    },
    unrecognized: ['王工您好，这是我们的开票资料，麻烦帮忙开通一下：', '有问题随时联系']
  },
  {
    name: 'chatter only gives no fields',
    text: `好的，稍后发给您`,
    fields: {},
    unrecognized: ['好的，稍后发给您']
  },
  {
    name: 'name with full-width brackets kept as registered',
    text: `名称：宁夏恒丰建材（银川）有限公司`,
    fields: { name: '宁夏恒丰建材（银川）有限公司' }
  }
]

describe('customers.parseText reads pasted invoicing details', () => {
  it.each(CASES)('$name', (c) => {
    const result = parseCustomerText(c.text)
    expect(result.fields).toEqual(c.fields)
    if (c.unrecognized) expect(result.unrecognized).toEqual(c.unrecognized)
  })

  it('has at least 30 real-looking blocks', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30)
  })

  it('reports the form’s errors for what it read, and keeps the bad value to fix', () => {
    const result = parseCustomerText(`税号：91640100MADXRUAJ9A\n手机：12345`)
    expect(result.fields.taxId).toBe('91640100MADXRUAJ9A')
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'TAX_ID_CHECKSUM', field: 'taxId', severity: 'error' }),
        expect.objectContaining({ code: 'MOBILE_FORMAT', field: 'adminMobile', severity: 'error' })
      ])
    )
  })

  it('passes warnings on as warnings', () => {
    const result = parseCustomerText(`名称：宁夏恒丰建材(银川)有限公司`)
    expect(result.issues).toEqual([
      { code: 'NAME_HALF_WIDTH_BRACKETS', field: 'name', severity: 'warning' }
    ])
  })

  it('refuses two companies in one message as ambiguous', () => {
    const text = `购方名称：北京青禾科技有限公司\n购方税号：${B}\n销方名称：深圳前海云帆贸易有限公司\n销方税号：${C}`
    expect(() => parseCustomerText(text)).toThrowError(DeskError)
    try {
      parseCustomerText(text)
    } catch (e) {
      expect((e as DeskError).code).toBe('PASTE_AMBIGUOUS')
      expect((e as DeskError).params).toEqual({ field: 'name', count: 2 })
    }
  })

  it('refuses two different tax IDs even under one name', () => {
    try {
      parseCustomerText(`名称：北京青禾科技有限公司\n税号：${B}\n税号：${C}`)
      expect.unreachable()
    } catch (e) {
      expect((e as DeskError).code).toBe('PASTE_AMBIGUOUS')
      expect((e as DeskError).field).toBe('taxId')
    }
  })

  it('refuses two pasted blocks one after the other', () => {
    const one = `名称：北京青禾科技有限公司\n税号：${B}`
    const two = `名称：宁夏银川恒丰建材有限公司\n税号：${A}`
    expect(() => parseCustomerText(`${one}\n\n${two}`)).toThrowError('PASTE_AMBIGUOUS')
  })
})
