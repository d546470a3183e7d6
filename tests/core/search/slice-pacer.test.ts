import { describe, expect, it } from 'vitest'
import { SlicePacer } from '../../../electron/core/search/slice-pacer'

describe('slice pacer', () => {
  const pacer = (): SlicePacer => new SlicePacer({ first: 100, targetMs: 20, min: 10, max: 1000 })

  it('shrinks a slow slice to the target at its rate at once', () => {
    const p = pacer()
    p.record(100, 80)
    expect(p.size).toBe(25)
    p.record(25, 1000)
    expect(p.size).toBe(10)
  })

  it('grows at most 1.5× a step, up to the maximum', () => {
    const p = pacer()
    p.record(100, 5)
    expect(p.size).toBe(150)
    for (let i = 0; i < 20; i++) p.record(p.size, 10)
    expect(p.size).toBe(1000)
  })

  it('does not grow after a slice that found little to do', () => {
    const p = pacer()
    p.record(100, 1)
    expect(p.size).toBe(100)
  })

  it('reports every slice, the ones that ended a job too, with those of other pacers', () => {
    const p = pacer()
    const other = pacer()
    p.record(100, 30)
    p.note(2)
    other.record(100, 45)
    expect(p.stats(other)).toEqual({ slices: 3, longestMs: 45, p95Ms: 45 })
  })
})
