import { describe, expect, it } from 'vitest'
import { pagerItems, type PagerItem } from '@/components/common/pager-items'

/** The pager as a user reads it: page numbers, « and » for the jump buttons. */
const shown = (items: PagerItem[]): string =>
  items
    .map((i) => (i.kind === 'page' ? String(i.page) : i.kind === 'prev-more' ? '«' : '»'))
    .join(' ')

describe('the customer list pager shows the page numbers el-pagination shows', () => {
  it('shows every page when there are at most seven', () => {
    expect(shown(pagerItems(1, 1))).toBe('1')
    expect(shown(pagerItems(2, 3))).toBe('1 2 3')
    expect(shown(pagerItems(7, 7))).toBe('1 2 3 4 5 6 7')
  })

  it('shows nothing when there is no page', () => {
    expect(pagerItems(1, 0)).toEqual([])
  })

  it('hides the pages after the sixth behind a forward jump near the start', () => {
    expect(shown(pagerItems(1, 11))).toBe('1 2 3 4 5 6 » 11')
    expect(shown(pagerItems(4, 11))).toBe('1 2 3 4 5 6 » 11')
  })

  it('centres the current page between two jumps in the middle', () => {
    expect(shown(pagerItems(5, 11))).toBe('1 « 3 4 5 6 7 » 11')
    expect(shown(pagerItems(7, 11))).toBe('1 « 5 6 7 8 9 » 11')
  })

  it('hides the first pages behind a backward jump near the end', () => {
    expect(shown(pagerItems(8, 11))).toBe('1 « 6 7 8 9 10 11')
    expect(shown(pagerItems(11, 11))).toBe('1 « 6 7 8 9 10 11')
  })

  it('jumps five pages from an ellipsis, never past the first or last page', () => {
    const jumps = (items: PagerItem[]): number[] =>
      items.flatMap((i) => (i.kind === 'page' ? [] : [i.to]))
    expect(jumps(pagerItems(1, 11))).toEqual([6])
    expect(jumps(pagerItems(5, 11))).toEqual([1, 10])
    expect(jumps(pagerItems(7, 11))).toEqual([2, 11])
    expect(jumps(pagerItems(10, 11))).toEqual([5])
  })

  it('follows a smaller pager count as el-pagination does', () => {
    expect(shown(pagerItems(3, 9, 5))).toBe('1 2 3 4 » 9')
    expect(shown(pagerItems(4, 9, 5))).toBe('1 « 3 4 5 » 9')
    expect(shown(pagerItems(1, 9, 5))).toBe('1 2 3 4 » 9')
  })
})
