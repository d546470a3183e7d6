/** Reports out: the tables as .xlsx read back with exceljs, and the weekly status text. */
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/core/handlers'
import { formatWeeklyReport, mondayOf } from '../../../electron/core/reports/weekly-report'
import { STAGE_BY_KEY } from '../../../electron/core/stages/stage-definitions'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
// stage titles come from the definitions (their wording is being revised elsewhere)
const KICKOFF = STAGE_BY_KEY.kickoff.title.zh
const ACTIVATION = STAGE_BY_KEY.activation.title.zh
// the temp core's clock: Sunday 2026-03-01 08:00 UTC; the week is Mon 02-23 … Sun 03-01
beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
})
afterEach(() => t.cleanup())

const NINGXIA = { name: '宁夏银川恒丰建材有限公司', taxId: '91640100MADXRUAJ9U' }
const BEIJING = { name: '北京青禾科技有限公司', taxId: '91110108MA01ABCD1E' }

/** Four deliveries: one live this week, one blocked, one overdue, one due next week. */
function seed(): void {
  const c = t.core.customers
  const d = t.core.deliveries
  const lanzhou = c.create({
    ...LANZHOU,
    bankName: '招商银行兰州分行',
    bankAccount: '931903456710901'
  }).customer.id
  const shenzhen = c.create(SHENZHEN).customer.id
  const ningxia = c.create(NINGXIA).customer.id
  const beijing = c.create(BEIJING).customer.id
  const live = d.create(lanzhou, { plannedGoLive: '2026-02-25', orderNumber: 'SO-001' }).delivery.id
  d.update(live, { actualGoLive: '2026-02-26', status: 'done' })
  const blocked = d.create(shenzhen, { plannedGoLive: '2026-03-20' }).delivery.id
  d.updateStage({
    deliveryId: blocked,
    stage: 'activation',
    status: 'blocked',
    reason: '客户未收到激活邮件'
  })
  d.create(ningxia, { plannedGoLive: '2026-02-20', products: ['数电开票', '玲珑对接'] })
  d.create(beijing, { plannedGoLive: '2026-03-04' })
  t.core.incidents.create(lanzhou, live, {
    symptom: 'email_not_received',
    description: '购买方没收到邮件'
  })
}

async function readBack(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('no sheet')
  return sheet
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number): unknown[] =>
  (sheet.getRow(n).values as unknown[]).slice(1)

describe('reports.exportXlsx', () => {
  it('writes the deliveries with Chinese headers, a frozen header row, widths and every row', async () => {
    seed()
    const handlers = createHandlers(t.core)
    const path = join(t.dir, '交付.xlsx')
    const result = await handlers['reports.exportXlsx']({ kind: 'deliveries', path })
    expect(result).toEqual({ cancelled: false, path, rows: 4 })
    const sheet = await readBack(path)
    expect(sheet.name).toBe('交付')
    const headers = rowValues(sheet, 1)
    expect(headers).toEqual(
      expect.arrayContaining([
        '客户',
        '当前阶段',
        '状态',
        '计划上线日期',
        '实际上线日期',
        '受阻原因'
      ])
    )
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getColumn(headers.indexOf('客户') + 1).width).toBe(36)
    expect(sheet.getColumn(headers.indexOf('受阻原因') + 1).width).toBe(40)
    expect(sheet.rowCount).toBe(5)
    const rows = [2, 3, 4, 5].map((n) => {
      const values = rowValues(sheet, n)
      return Object.fromEntries(headers.map((h, i) => [String(h), values[i] ?? '']))
    })
    const byCustomer = Object.fromEntries(rows.map((r) => [r['客户'], r]))
    expect(byCustomer[LANZHOU.name]).toMatchObject({
      状态: '已完成',
      计划上线日期: '2026-02-25',
      实际上线日期: '2026-02-26',
      订单号: 'SO-001'
    })
    expect(byCustomer[SHENZHEN.name]).toMatchObject({
      状态: '进行中',
      受阻阶段: ACTIVATION,
      受阻原因: '客户未收到激活邮件'
    })
    expect(byCustomer[NINGXIA.name]).toMatchObject({ 逾期: '是', 产品: '数电开票、玲珑对接' })
  })

  it('writes the customers with every field, keeping long digit runs as text', async () => {
    seed()
    const path = join(t.dir, 'customers.xlsx')
    const { rows } = await t.core.reports.exportXlsx('customers', path)
    expect(rows).toBe(4)
    const sheet = await readBack(path)
    const headers = rowValues(sheet, 1)
    expect(headers.slice(0, 3)).toEqual(['企业名称', '企业税号', '地址'])
    const lanzhou = [2, 3, 4, 5]
      .map((n) => rowValues(sheet, n))
      .find((r) => r[0] === LANZHOU.name) as unknown[]
    const account = headers.indexOf('银行账号')
    expect(lanzhou[account]).toBe('931903456710901')
    expect(sheet.getRow(1).font?.bold).toBe(true)
  })

  it('writes the incident log with the playbook’s symptom names', async () => {
    seed()
    const path = join(t.dir, 'incidents.xlsx')
    await t.core.reports.exportXlsx('incidents', path)
    const sheet = await readBack(path)
    expect(sheet.rowCount).toBe(2)
    const values = rowValues(sheet, 2)
    expect(values).toContain(LANZHOU.name)
    expect(values).toContain('购买方没收到邮件')
    expect(values).toContain('处理中')
  })

  it('leaves an existing file alone unless told to overwrite, and no temp file behind', async () => {
    const path = join(t.dir, 'kept.xlsx')
    writeFileSync(path, 'mine')
    await expect(t.core.reports.exportXlsx('customers', path)).rejects.toMatchObject({
      code: 'FILE_EXISTS'
    })
    await t.core.reports.exportXlsx('customers', path, { overwrite: true })
    expect((await readBack(path)).name).toBe('客户')
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('asks the save dialog for the place in the app, and a cancel writes nothing', async () => {
    const chosen: string[] = []
    let answer: string | null = null
    t.core.deps.dialogs = {
      chooseSavePath: async (name) => {
        chosen.push(name)
        return answer
      },
      chooseOpenPath: async () => null
    }
    const handlers = createHandlers(t.core)
    expect(await handlers['reports.exportXlsx']({ kind: 'customers' })).toEqual({ cancelled: true })
    answer = join(t.dir, 'from-dialog')
    const result = await handlers['reports.exportXlsx']({ kind: 'customers' })
    expect(result).toMatchObject({ cancelled: false, path: `${answer}.xlsx`, rows: 0 })
    expect(existsSync(`${answer}.xlsx`)).toBe(true)
    expect(chosen).toEqual(['客户-2026-03-01.xlsx', '客户-2026-03-01.xlsx'])
  })
})

describe('reports.weekly', () => {
  it('lists this week’s go-lives, blocked with reason, overdue and next week’s go-lives', () => {
    seed()
    const { text, weekStart, weekEnd } = t.core.reports.weekly()
    expect([weekStart, weekEnd]).toEqual(['2026-02-23', '2026-03-01'])
    expect(text).toBe(
      [
        '交付周报（2月23日—3月1日）',
        '进行中 3 项，本周上线 1 项，受阻 1 项，逾期 1 项',
        '',
        '【本周已上线】1 项',
        `1. ${LANZHOU.name}，2月26日上线`,
        '',
        '【受阻】1 项',
        `1. ${SHENZHEN.name}，卡在「${ACTIVATION}」：客户未收到激活邮件`,
        '',
        '【已逾期】1 项',
        `1. ${NINGXIA.name}，计划 2月20日上线，目前在「${KICKOFF}」`,
        '',
        '【下周计划上线（3月2日—3月8日）】1 项',
        `1. ${BEIJING.name}，计划 3月4日，目前在「${KICKOFF}」`
      ].join('\n')
    )
  })

  it('says 无 under an empty heading', () => {
    const { text } = formatWeeklyReport({ today: '2026-11-26', deliveries: [] })
    expect(text.split('\n').filter((l) => l === '无')).toHaveLength(4)
    expect(text.startsWith('交付周报（11月23日—11月29日）')).toBe(true)
  })

  it('starts the week on Monday, Sunday included', () => {
    expect(mondayOf('2026-03-01')).toBe('2026-02-23')
    expect(mondayOf('2026-03-02')).toBe('2026-03-02')
    expect(mondayOf('2026-01-01')).toBe('2025-12-29')
  })
})
