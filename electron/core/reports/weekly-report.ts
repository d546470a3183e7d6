/**
 * The weekly status a team lead pastes into WeChat: what went live this week, what is blocked
 * and why, what is overdue, and next week's go-lives. Pure: takes the deliveries and today's
 * date, so a fixed clock gives a fixed text. Written in Chinese, the language of the chat it
 * goes to (like the runbook's hand-off message), whatever the app's language.
 */
import type { DeliverySummary } from '../deliveries/delivery-types'
import { STAGES, STAGE_BY_KEY } from '../stages/stage-definitions'

export interface WeeklyInput {
  today: string
  deliveries: readonly DeliverySummary[]
}

/** `YYYY-MM-DD` ± days, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return t.toISOString().slice(0, 10)
}

/** Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7))
}

const short = (date: string): string =>
  `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

function blockedAt(d: DeliverySummary): string {
  const i = d.stageStatuses.indexOf('blocked')
  return STAGES[i]?.title.zh ?? ''
}

function section(title: string, lines: string[]): string[] {
  return [`【${title}】${lines.length} 项`, ...(lines.length ? lines : ['无']), '']
}

export function formatWeeklyReport(input: WeeklyInput): {
  text: string
  weekStart: string
  weekEnd: string
} {
  const weekStart = mondayOf(input.today)
  const weekEnd = addDays(weekStart, 6)
  const nextStart = addDays(weekStart, 7)
  const nextEnd = addDays(weekStart, 13)
  const byDate = (a: string | null, b: string | null): number => (a ?? '').localeCompare(b ?? '')
  const live = input.deliveries
    .filter((d) => d.actualGoLive && d.actualGoLive >= weekStart && d.actualGoLive <= input.today)
    .filter((d) => d.status !== 'cancelled')
    .sort((a, b) => byDate(a.actualGoLive, b.actualGoLive))
  const active = input.deliveries.filter((d) => d.status === 'active')
  const blocked = active.filter((d) => d.stageStatuses.includes('blocked'))
  const overdue = active
    .filter((d) => d.overdue)
    .sort((a, b) => byDate(a.plannedGoLive, b.plannedGoLive))
  const next = active
    .filter((d) => !d.actualGoLive && d.plannedGoLive && d.plannedGoLive >= nextStart)
    .filter((d) => (d.plannedGoLive ?? '') <= nextEnd)
    .sort((a, b) => byDate(a.plannedGoLive, b.plannedGoLive))
  const stage = (d: DeliverySummary): string =>
    d.currentStage ? STAGE_BY_KEY[d.currentStage].title.zh : '各阶段已完成'
  const lines = [
    `交付周报（${short(weekStart)}—${short(weekEnd)}）`,
    `进行中 ${active.length} 项，本周上线 ${live.length} 项，受阻 ${blocked.length} 项，逾期 ${overdue.length} 项`,
    '',
    ...section(
      '本周已上线',
      live.map((d, i) => `${i + 1}. ${d.customerName}，${short(d.actualGoLive ?? '')}上线`)
    ),
    ...section(
      '受阻',
      blocked.map(
        (d, i) =>
          `${i + 1}. ${d.customerName}，卡在「${blockedAt(d)}」：${d.blockedReason ?? '未填原因'}`
      )
    ),
    ...section(
      '已逾期',
      overdue.map(
        (d, i) =>
          `${i + 1}. ${d.customerName}，计划 ${short(d.plannedGoLive ?? '')}上线，目前在「${stage(d)}」`
      )
    ),
    ...section(
      `下周计划上线（${short(nextStart)}—${short(nextEnd)}）`,
      next.map(
        (d, i) =>
          `${i + 1}. ${d.customerName}，计划 ${short(d.plannedGoLive ?? '')}，目前在「${stage(d)}」`
      )
    )
  ]
  return { text: lines.join('\n').trimEnd(), weekStart, weekEnd }
}
