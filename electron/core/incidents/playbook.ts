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

// Who resubmits is whoever scanned the receipt's QR code (the 购买方), not necessarily the
// implementer's customer company (RUNBOOK.md, 数电 practice).
const RESUBMIT = {
  zh: '登录商户运营平台（下单预留的管理员手机号），进入 销项发票管理 → 未开票数据查询，删除这条开票失败的数据，请扫码开票的购买方重新扫码提交。',
  en: 'Log in to the merchant operations platform (the admin mobile reserved at order time), open 销项发票管理 (sales invoices) → 未开票数据查询 (uninvoiced data), delete the failed record and have the buyer who scanned the code scan and submit again.'
}

export const PLAYBOOK: readonly PlaybookEntry[] = [
  {
    symptom: 'login_expired',
    title: { zh: '电子税务局登录失效', en: 'Electronic Tax Bureau login expired' },
    keywords: ['登录', '失效', '过期', '扫码登录', '电子税局', '掉线', 'login'],
    steps: {
      zh: [
        '请开票员在发票云微信公众号重新登录数电账号（按提示扫码或短信验证）。',
        '登录恢复后，' + RESUBMIT.zh
      ],
      en: [
        "Have the invoicer log in to the digital e-invoice account again in the e-invoicing cloud's WeChat official account.",
        'Once logged in: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'face_verification',
    title: { zh: '需要人脸识别认证', en: 'Face verification required' },
    keywords: ['刷脸', '人脸', '实名', '认证', '身份验证', 'face'],
    steps: {
      zh: [
        '请开票员用个人所得税 App 或本省的税务 App 扫码完成刷脸认证（认证有效期内无需重复）。',
        '认证完成后，' + RESUBMIT.zh
      ],
      en: [
        "Have the invoicer complete the face check with the individual income tax (个人所得税) app or the province's tax app.",
        'Then: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'account_not_configured',
    title: { zh: '数电账号未配置', en: 'Digital e-invoice account not set up' },
    keywords: ['账号', '未配置', '公众号', '数电账号'],
    steps: {
      zh: [
        '请客户按指导在发票云微信公众号维护数电账号（见「客户激活服务」阶段的指导链接）。',
        '维护完成后，' + RESUBMIT.zh
      ],
      en: [
        "Have the customer maintain the digital e-invoice account in the e-invoicing cloud's WeChat official account (see the activation stage's guide).",
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
        '在本机密钥库核对该客户的五个密钥，与玲珑系统里录入的逐项比对（多余的空格、换行和 encrypeKey/encryptKey 的拼写最常出错）。',
        '经验提示（未经核实）：确认玲珑连接的是正式环境而不是测试环境。',
        '改正后请客户重新开票确认；失败数据按下述处理：' + RESUBMIT.zh
      ],
      en: [
        "Compare the customer's five keys in the vault with those entered in Linglong, one by one (stray spaces, line breaks and the encrypeKey/encryptKey spelling are the usual mistakes).",
        'Field tip (unverified): check that Linglong points at production, not a test environment.',
        'Once corrected, have the customer issue the invoice again; for the failed data: ' +
          RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'credit_insufficient',
    title: { zh: '发票额度不足', en: 'Invoice limit used up' },
    keywords: ['额度', '发票额度', '可用额度', '总额度', '不足', '超额度', '额度调整'],
    steps: {
      zh: [
        '请客户在电子税务局查看发票额度（总额度 / 可用额度）。',
        '需要提高额度时：电子税务局 → 我要办税 → 税务数字账户 → 发票业务 → 发票额度调整申请。额度在完成上月申报后重置，不是到下月自动恢复。',
        '额度到位后，' + RESUBMIT.zh
      ],
      en: [
        'Have the customer check the invoice limit (发票额度: total / available) in the Electronic Tax Bureau.',
        'To raise it: Electronic Tax Bureau → 我要办税 (tax services) → 税务数字账户 (digital tax account) → 发票业务 (invoicing) → 发票额度调整申请 (limit adjustment request). The limit is reset after the previous month is filed, not simply next month.',
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
        '请客户在商品信息中改正商品和服务税收分类编码和税率，使其与实际销售的商品或服务一致（编码无需向税务机关备案）。',
        '改正后，' + RESUBMIT.zh
      ],
      en: [
        'Have the customer correct the tax classification code (商品和服务税收分类编码) and rate of the item so that they match what is actually sold.',
        'Then: ' + RESUBMIT.en
      ]
    }
  },
  {
    symptom: 'buyer_tax_id_wrong',
    title: { zh: '购买方信息错误', en: "Buyer's details wrong" },
    keywords: ['购方', '抬头', '税号', '购买方', '名称错误'],
    steps: {
      zh: [
        '与购买方核对名称和税号（企业为 18 位统一社会信用代码；个人购买方可以没有税号）。',
        RESUBMIT.zh + '提交时填写正确的购买方信息。'
      ],
      en: [
        "Check the buyer's name and tax ID with the buyer (a company has an 18-character unified social credit code; a private person may have none).",
        RESUBMIT.en + " Submit with the buyer's correct details."
      ]
    }
  },
  {
    symptom: 'failed_data_stuck',
    title: { zh: '失败数据卡住，无法重新提交', en: 'Failed data stuck, cannot resubmit' },
    keywords: [
      '卡住',
      '重复',
      '无法提交',
      '未开票数据',
      '删除',
      '开票失败',
      '重新扫码',
      '重新提交'
    ],
    steps: {
      zh: [RESUBMIT.zh],
      en: [RESUBMIT.en]
    }
  },
  {
    symptom: 'email_not_received',
    title: { zh: '未收到发票邮件', en: 'Invoice e-mail not received' },
    keywords: ['邮件', '邮箱', '重发', '重发邮件', '没收到', '收不到'],
    steps: {
      zh: [
        '确认发票已开具成功。',
        '登录商户运营平台，进入【开票查询】页面，找到这张发票，使用重发邮件功能（可改为正确的邮箱）。',
        '提醒购买方查看垃圾邮件箱。'
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
