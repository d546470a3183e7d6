/**
 * Finding a playbook case by the words people use for it. Implementers and customers say
 * "开票失败", "收不到邮件", "发票没收到" or "重发" rather than the runbook's titles, so a query
 * is widened with its synonyms before matching, and the results are ranked: an exact title
 * first, then a title containing the query, then keywords, then the steps. Pure, so the
 * renderer searches offline with it and the tests pin it.
 */
import type { PlaybookEntry } from './playbook'

/** Everyday words → words the playbook's cases are written in. */
export const PLAYBOOK_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  开票失败: ['失败数据', '未开票数据', '重新扫码'],
  开不出: ['开票失败', '失败数据'],
  开不了票: ['开票失败', '失败数据'],
  失败: ['失败数据', '未开票数据'],
  收不到邮件: ['未收到发票邮件', '邮件', '重发'],
  没收到邮件: ['未收到发票邮件', '邮件'],
  发票没收到: ['未收到发票邮件', '重发'],
  没收到发票: ['未收到发票邮件', '重发'],
  收不到发票: ['未收到发票邮件', '重发'],
  重发: ['重发邮件', '开票查询'],
  补发: ['重发', '重发邮件'],
  额度不够: ['发票额度'],
  额度: ['发票额度'],
  授信: ['发票额度'],
  超额: ['发票额度'],
  电子税局: ['电子税务局'],
  税局: ['电子税务局'],
  刷脸: ['人脸', '刷脸认证'],
  人脸识别: ['刷脸'],
  扫码: ['重新扫码'],
  抬头错了: ['购买方信息错误'],
  开错: ['购买方信息错误', '税收分类编码错误'],
  编码错误: ['税收分类编码'],
  密钥错误: ['密钥或环境配置错误'],
  email: ['邮件'],
  resend: ['重发'],
  quota: ['发票额度'],
  limit: ['发票额度']
}

const norm = (text: string): string => text.toLowerCase().replace(/\s+/g, '')

/** The query and every synonym whose everyday word occurs in it (or equals it). */
export function expandQuery(query: string): string[] {
  const q = norm(query)
  if (!q) return []
  const terms = new Set([q])
  for (const [word, alternatives] of Object.entries(PLAYBOOK_SYNONYMS)) {
    const w = norm(word)
    if (q.includes(w) || w.includes(q)) for (const a of alternatives) terms.add(norm(a))
  }
  return [...terms]
}

function score(entry: PlaybookEntry, query: string, terms: string[]): number {
  const titles = [entry.title.zh, entry.title.en].map(norm)
  if (titles.includes(query)) return 100
  const has = (texts: string[], term: string): boolean => texts.some((t) => t.includes(term))
  const keywords = entry.keywords.map(norm)
  const steps = [...entry.steps.zh, ...entry.steps.en].map(norm)
  if (has(titles, query)) return 80
  if (has(keywords, query)) return 60
  let best = 0
  for (const term of terms) {
    if (term === query) continue
    if (titles.includes(term)) best = Math.max(best, 50)
    else if (has(titles, term)) best = Math.max(best, 40)
    else if (has(keywords, term)) best = Math.max(best, 30)
  }
  if (best) return best
  if (has(steps, query)) return 20
  return terms.some((term) => has(steps, term)) ? 10 : 0
}

/** The cases matching the query, best first (playbook order among equals); all when empty. */
export function searchPlaybook(entries: readonly PlaybookEntry[], query: string): PlaybookEntry[] {
  const q = norm(query)
  if (!q) return [...entries]
  const terms = expandQuery(query)
  return entries
    .map((entry, position) => ({ entry, position, score: score(entry, q, terms) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .map((r) => r.entry)
}
