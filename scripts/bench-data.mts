/**
 * Realistic generated customers for the benchmark and the search tests: company names in the
 * forms the registry really holds (有限公司 in most rows, 股份/有限责任公司, branches, 个体工商户,
 * 合作社), tax IDs with real division codes and letter-and-digit organisation codes, addresses
 * by province, city and district, landlines with the city's real area code and mobiles of
 * every prefix. Deterministic for a seed, so runs and tests can be compared.
 */
import {
  orgCodeCheckCharacter,
  usccCheckCharacter,
  USCC_CHARSET
} from '../electron/core/validation/uscc'

interface City {
  province: string
  city: string
  area: string
  /** real division codes of districts: [code, district] */
  districts: [string, string][]
  weight: number
}

// Gansu dominates, as in the registry the issue measured (兰州 in about a third of rows).
const CITIES: City[] = [
  {
    province: '甘肃省',
    city: '兰州市',
    area: '0931',
    districts: [
      ['620102', '城关区'],
      ['620103', '七里河区'],
      ['620104', '西固区'],
      ['620105', '安宁区'],
      ['620111', '红古区'],
      ['620121', '永登县'],
      ['620122', '皋兰县'],
      ['620123', '榆中县']
    ],
    weight: 30
  },
  {
    province: '甘肃省',
    city: '天水市',
    area: '0938',
    districts: [
      ['620502', '秦州区'],
      ['620503', '麦积区']
    ],
    weight: 4
  },
  {
    province: '甘肃省',
    city: '酒泉市',
    area: '0937',
    districts: [
      ['620902', '肃州区'],
      ['620981', '玉门市'],
      ['620982', '敦煌市']
    ],
    weight: 3
  },
  {
    province: '甘肃省',
    city: '张掖市',
    area: '0936',
    districts: [['620702', '甘州区']],
    weight: 2
  },
  {
    province: '广东省',
    city: '深圳市',
    area: '0755',
    districts: [
      ['440303', '罗湖区'],
      ['440304', '福田区'],
      ['440305', '南山区'],
      ['440306', '宝安区'],
      ['440307', '龙岗区']
    ],
    weight: 10
  },
  {
    province: '广东省',
    city: '广州市',
    area: '020',
    districts: [
      ['440104', '越秀区'],
      ['440106', '天河区'],
      ['440111', '白云区']
    ],
    weight: 6
  },
  {
    province: '',
    city: '北京市',
    area: '010',
    districts: [
      ['110101', '东城区'],
      ['110105', '朝阳区'],
      ['110108', '海淀区']
    ],
    weight: 8
  },
  {
    province: '',
    city: '上海市',
    area: '021',
    districts: [
      ['310101', '黄浦区'],
      ['310104', '徐汇区'],
      ['310115', '浦东新区']
    ],
    weight: 8
  },
  {
    province: '四川省',
    city: '成都市',
    area: '028',
    districts: [
      ['510104', '锦江区'],
      ['510107', '武侯区'],
      ['510108', '成华区']
    ],
    weight: 7
  },
  {
    province: '浙江省',
    city: '杭州市',
    area: '0571',
    districts: [
      ['330102', '上城区'],
      ['330106', '西湖区'],
      ['330108', '滨江区']
    ],
    weight: 7
  },
  {
    province: '湖北省',
    city: '武汉市',
    area: '027',
    districts: [
      ['420102', '江岸区'],
      ['420103', '江汉区'],
      ['420106', '武昌区']
    ],
    weight: 5
  },
  {
    province: '陕西省',
    city: '西安市',
    area: '029',
    districts: [
      ['610102', '新城区'],
      ['610113', '雁塔区'],
      ['610116', '长安区']
    ],
    weight: 5
  },
  {
    province: '宁夏回族自治区',
    city: '银川市',
    area: '0951',
    districts: [
      ['640104', '兴庆区'],
      ['640105', '西夏区']
    ],
    weight: 3
  },
  {
    province: '新疆维吾尔自治区',
    city: '乌鲁木齐市',
    area: '0991',
    districts: [
      ['650102', '天山区'],
      ['650104', '新市区']
    ],
    weight: 2
  }
]

const WORDS =
  '华为 黄河 云票 丝路 天成 长城 金桥 恒信 远航 明德 同创 兴业 宏图 瑞丰 博远 陇原 祁连 敦煌 金城 西部 鑫源 盛达 永昌 汇通 中天 新元 海川 佳和 正泰 九州 瀚鼎 凯旋 润泽 腾飞 众合 嘉禾 安泰 福瑞 聚源 百川'.split(
    ' '
  )
const TRADES =
  '科技 商贸 餐饮 建设 物流 医药 文化传媒 电子 农业开发 信息技术 工程 贸易 实业 置业 环保 教育咨询 网络 食品 建材 机械设备'.split(
    ' '
  )
const ROADS =
  '张掖路 庆阳路 西津西路 东岗西路 南滨河路 天水南路 深南大道 科技园路 中山路 人民路 解放路 建设路 长江路 黄河路 文化路 新华路'.split(
    ' '
  )
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'.split('')
const GIVEN =
  '伟 娜 强 敏 磊 静 军 洋 勇 艳 杰 娟 涛 明 超 秀英 丽 霞 平 刚 桂英 建华 志强 晓东'.split(' ')
const MOBILE_PREFIXES =
  '130 131 132 133 134 135 136 137 138 139 145 147 149 150 151 152 153 155 156 157 158 159 162 165 166 167 170 171 172 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 190 191 192 193 195 196 197 198 199'.split(
    ' '
  )
const LATIN = ['ABC', 'IT', 'TCL', 'CBD', 'SOHO', 'K2', 'A8', 'E家']
const ORG_CHARS = USCC_CHARSET

export interface GeneratedCustomer {
  name: string
  taxId: string
  address: string
  phone: string
  contactName: string
  contactPhone: string
  adminMobile: string
}

/** The generated fields in the order of a CSV file's columns, and that file's header. */
export const CSV_COLUMNS: readonly (keyof GeneratedCustomer)[] = [
  'name',
  'taxId',
  'address',
  'phone',
  'contactName',
  'contactPhone',
  'adminMobile'
]
export const CSV_HEADER = '企业名称,企业税号,地址,电话,联系人,联系电话,管理员手机号'

/** One customer as a CSV line (generated values hold no commas or quotes). */
export function csvLine(c: GeneratedCustomer): string {
  return CSV_COLUMNS.map((k) => c[k]).join(',')
}

/** A small deterministic PRNG (mulberry32), so a seed gives the same registry every run. */
export function rng(seed: number): (n: number) => number {
  let a = seed >>> 0
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
  }
}

const TOTAL_WEIGHT = CITIES.reduce((s, c) => s + c.weight, 0)

export function customerGenerator(seed = 42): () => GeneratedCustomer {
  const rand = rng(seed)
  const pick = <T,>(a: readonly T[]): T => a[rand(a.length)] as T
  const digits = (n: number): string => {
    let s = ''
    for (let i = 0; i < n; i++) s += String(rand(10))
    return s
  }
  const city = (): City => {
    let w = rand(TOTAL_WEIGHT)
    for (const c of CITIES) {
      if (w < c.weight) return c
      w -= c.weight
    }
    return CITIES[0] as City
  }
  const mobile = (): string => pick(MOBILE_PREFIXES) + digits(8)
  const person = (): string => pick(SURNAMES) + pick(GIVEN)

  return (): GeneratedCustomer => {
    const c = city()
    const [division, district] = pick(c.districts)
    const short = c.city.replace(/市$/, '')
    const brand =
      rand(40) === 0 ? pick(LATIN) + pick(WORDS) : pick(WORDS) + (rand(3) === 0 ? '' : pick(WORDS))
    const trade = pick(TRADES)
    const form = rand(100)
    let name: string
    let category = '91' // 工商 · 企业
    if (form < 62) name = `${short}${brand}${trade}有限公司`
    else if (form < 72)
      name = `${c.province.replace(/省|回族自治区|维吾尔自治区/, '')}${brand}${trade}股份有限公司`
    else if (form < 80) name = `${short}${brand}${trade}有限责任公司`
    else if (form < 87) name = `${pick(WORDS)}${brand}${trade}有限公司${short}分公司`
    else if (form < 94) {
      name = `${c.city}${district}${person()}${pick(['餐饮店', '便利店', '五金店', '汽车修理部', '服装店'])}（个体工商户）`
      category = '92'
    } else if (form < 98) {
      name = `${district}${brand}${pick(['种植', '养殖', '农机'])}农民专业合作社`
      category = '93'
    } else name = `${brand}${trade}工作室`
    // Organisation code: new ones are MA/MB + 6 letters and digits; older ones are 8 digits.
    let body: string
    if (rand(3) > 0) {
      body = pick(['MA', 'MA', 'MA', 'MB']) + pick(['0', '1', '2', '3', '4', '5', '6', '7'])
      for (let k = 0; k < 5; k++) body += pick(ORG_CHARS.split('') as string[])
      body = body.replace(/[IOSVZ]/g, '0')
    } else body = digits(8)
    const orgCheck = orgCodeCheckCharacter(body) ?? '0'
    const first17 = `${category}${division}${body}${orgCheck}`
    const taxId = first17 + (usccCheckCharacter(first17) ?? '0')
    const landline = `${c.area}-${rand(2) === 0 ? '8' : pick(['6', '7', '5', '4'])}${digits(c.area.length === 3 ? 7 : 6)}`
    const address = `${c.province}${c.city}${district}${pick(ROADS)}${1 + rand(400)}号${rand(3) === 0 ? `${pick(WORDS)}大厦${1 + rand(30)}楼` : ''}`
    return {
      name,
      taxId,
      address,
      phone: rand(5) === 0 ? mobile() : landline,
      contactName: person(),
      contactPhone: rand(4) === 0 ? landline : mobile(),
      adminMobile: rand(2) === 0 ? mobile() : ''
    }
  }
}
