/**
 * The failure playbook (stage 7) as data: symptoms an implementer meets after go-live and the
 * steps for each. The first three steps of the runbook apply to most failures; each symptom
 * adds what is specific to it. Shown offline; links open only on request.
 */
import { MERCHANT_PLATFORM_URL, type Localized } from '../stages/stage-definitions'

export interface PlaybookEntry {
  symptom: string
  title: Localized
  /** searchable words beyond the title */
  keywords: string[]
  steps: { zh: string[]; en: string[] }
}

const RESUBMIT = {
  zh: '登录商户运营平台（管理员手机号），进入 销项发票管理 → 未开票数据查询，删除这条失败数据，请客户重新扫码提交。',
  en: 'Log in to the merchant platform (admin mobile), open 销项发票管理 → 未开票数据查询, delete the failed record and have the customer scan and submit again.'
}

export const PLAYBOOK: readonly PlaybookEntry[] = [
  {
    symptom: 'login_expired',
    title: { zh: '电子税局登录失效', en: 'E-tax bureau login expired' },
    keywords: ['登录', '失效', '过期', '扫码登录', 'login'],
    steps: {
      zh: [
        '请开票员在发票云微信公众号重新登录数电账号（按提示扫码或短信验证）。',
        '登录恢复后，' + RESUBMIT.zh
      ],
      en: [
        'Have the invoicer log in to the 数电 account again in the WeChat official account.',
        'Once logged in: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'face_verification',
    title: { zh: '需要人脸识别认证', en: 'Face verification required' },
    keywords: ['刷脸', '人脸', '实名', '认证', 'face'],
    steps: {
      zh: [
        '请开票员用个人所得税 App 或电子税局 App 扫码完成人脸认证（认证有效期内无需重复）。',
        '认证完成后，' + RESUBMIT.zh
      ],
      en: ['Have the invoicer complete face verification with the tax app.', 'Then: ' + RESUBMIT.en]
    }
  },
  {
    symptom: 'account_not_configured',
    title: { zh: '数电账号未配置', en: '数电 account not configured' },
    keywords: ['账号', '未配置', '公众号', '数电账号'],
    steps: {
      zh: [
        '请客户按指导在发票云微信公众号维护数电账号（见「客户激活服务」阶段的指导链接）。',
        '维护完成后，' + RESUBMIT.zh
      ],
      en: [
        'Have the customer maintain the 数电 account in the WeChat official account (see the activation stage guide).',
        'Then: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'wrong_keys_or_env',
    title: { zh: '密钥或环境配置错误', en: 'Wrong keys or environment' },
    keywords: ['密钥', 'clientId', 'clientSecret', '环境', '签名', '验签', '玲珑'],
    steps: {
      zh: [
        '在本机密钥库核对该客户的五个密钥，与玲珑系统里录入的逐项比对（注意 clientId 不是以 TN_ 开头的租户号）。',
        '确认玲珑连接的是正式环境而不是测试环境。',
        '改正后开一张测试发票确认；失败数据按下述处理：' + RESUBMIT.zh
      ],
      en: [
        "Compare the customer's five keys in the vault with those entered in Linglong (clientId is not the TN_ tenant id).",
        'Check that Linglong points at production, not the test environment.',
        'Issue a test invoice; for the failed data: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'credit_insufficient',
    title: { zh: '授信额度不足', en: 'Credit limit insufficient' },
    keywords: ['额度', '授信', '不足', '可用额度'],
    steps: {
      zh: [
        '请客户在电子税务局查看并申请调整授信额度（或等待下月额度恢复）。',
        '额度到位后，' + RESUBMIT.zh
      ],
      en: [
        'Have the customer check and request a higher credit limit in the e-tax bureau.',
        'Then: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'tax_code_wrong',
    title: { zh: '税收分类编码错误', en: 'Tax classification code wrong' },
    keywords: ['税收分类编码', '商品编码', '税率', '编码'],
    steps: {
      zh: [
        '请客户在商品信息中改正税收分类编码和税率（与电子税局备案一致）。',
        '改正后，' + RESUBMIT.zh
      ],
      en: [
        'Have the customer correct the tax classification code and rate of the item.',
        'Then: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'buyer_tax_id_wrong',
    title: { zh: '购方税号错误', en: 'Buyer tax ID wrong' },
    keywords: ['购方', '抬头', '税号', '购买方'],
    steps: {
      zh: [
        '与购方核对名称和税号（18 位统一社会信用代码）。',
        RESUBMIT.zh + '提交时填写正确的购方信息。'
      ],
      en: [
        "Check the buyer's name and tax ID with the buyer.",
        RESUBMIT.en + ' Submit with the correct buyer data.'
      ]
    }
  },
  {
    symptom: 'failed_data_stuck',
    title: { zh: '失败数据卡住，无法重新提交', en: 'Failed data stuck, cannot resubmit' },
    keywords: ['卡住', '重复', '无法提交', '未开票数据', '删除'],
    steps: {
      zh: [RESUBMIT.zh],
      en: [RESUBMIT.en]
    }
  },
  {
    symptom: 'email_not_received',
    title: { zh: '客户未收到发票邮件', en: 'Invoice e-mail not received' },
    keywords: ['邮件', '邮箱', '重发', '没收到'],
    steps: {
      zh: [
        '确认发票已开具成功。',
        '登录商户运营平台，进入【开票查询】页面，找到这张发票，使用重发邮件功能（可改为正确的邮箱）。',
        '提醒购方查看垃圾邮件箱。'
      ],
      en: [
        'Check that the invoice was issued.',
        'In the merchant platform open 开票查询, find the invoice and use resend e-mail (a corrected address can be given).',
        'Ask the buyer to check the spam folder.'
      ]
    }
  },
  {
    symptom: 'other',
    title: { zh: '其他问题', en: 'Other' },
    keywords: [],
    steps: {
      zh: [
        '记录现象和报错原文，登录商户运营平台查看该笔数据的失败原因。',
        '如需删除失败数据：' + RESUBMIT.zh
      ],
      en: [
        'Record the symptom and the exact error, and look up the failure reason in the merchant platform.',
        'To delete failed data: ' + RESUBMIT.en
      ]
    }
  }
]

export const PLAYBOOK_SYMPTOMS = PLAYBOOK.map((p) => p.symptom)

export const PLAYBOOK_LINKS = [
  { label: { zh: '商户运营平台', en: 'Merchant operations platform' }, url: MERCHANT_PLATFORM_URL }
]
