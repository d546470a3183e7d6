/**
 * The entries of a "prev, pager, next" pager, worked out as el-pagination's pager does (same
 * rule, so LitePager.vue shows the same numbers): the first and last page always, up to
 * `pagerCount` entries in all, and an ellipsis that jumps `pagerCount - 2` pages on the side
 * where pages are hidden.
 */
export type PagerItem =
  | { kind: 'page'; page: number }
  | { kind: 'prev-more'; to: number }
  | { kind: 'next-more'; to: number }

export function pagerItems(current: number, pageCount: number, pagerCount = 7): PagerItem[] {
  if (pageCount < 1) return []
  const half = (pagerCount - 1) / 2
  const jump = pagerCount - 2
  const prevMore = pageCount > pagerCount && current > pagerCount - half
  const nextMore = pageCount > pagerCount && current < pageCount - half
  let from: number
  let to: number
  if (prevMore && !nextMore) {
    from = pageCount - (pagerCount - 2)
    to = pageCount - 1
  } else if (!prevMore && nextMore) {
    from = 2
    to = pagerCount - 1
  } else if (prevMore && nextMore) {
    const offset = Math.floor(pagerCount / 2) - 1
    from = current - offset
    to = current + offset
  } else {
    from = 2
    to = pageCount - 1
  }
  const items: PagerItem[] = [{ kind: 'page', page: 1 }]
  if (prevMore) items.push({ kind: 'prev-more', to: Math.max(1, current - jump) })
  for (let p = from; p <= to; p++) items.push({ kind: 'page', page: p })
  if (nextMore) items.push({ kind: 'next-more', to: Math.min(pageCount, current + jump) })
  if (pageCount > 1) items.push({ kind: 'page', page: pageCount })
  return items
}
