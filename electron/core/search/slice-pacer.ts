/**
 * Sizes the slices of background work on the main connection (the search index's catch-up
 * after an import, then its merge) by time: each slice is a write transaction that blocks the
 * main process, so it should take about `targetMs` whatever the machine and its load. A fixed
 * count of 1,000 customers took 0.1 s on a quiet machine and 0.3–0.7 s under load (issue 13).
 */
export interface PacerOptions {
  /** the first slice's size, before any slice was timed */
  first: number
  targetMs: number
  min: number
  max: number
}

export class SlicePacer {
  private current: number
  private readonly durations: number[] = []

  constructor(private readonly options: PacerOptions) {
    this.current = options.first
  }

  /** The size of the next slice. */
  get size(): number {
    return this.current
  }

  /**
   * Records how long a slice of `size` took and sizes the next one to take `targetMs` at that
   * rate. It shrinks as far as the rate says at once; it grows at most 1.5× a step, and only
   * after a slice that took a fifth of the target or more: a slice that finds little to do (a
   * merge that ends early) says nothing about the rate, and growing on it compounds.
   */
  record(size: number, ms: number): void {
    this.durations.push(ms)
    const { targetMs, min, max } = this.options
    const fitting = (size * targetMs) / Math.max(ms, 0.01)
    const next =
      fitting < size ? fitting : ms >= targetMs / 5 ? Math.min(fitting, size * 1.5) : size
    this.current = Math.round(Math.min(max, Math.max(min, next)))
  }

  /** Counts a slice that ended its job (it did less than its size: no measure of the rate). */
  note(ms: number): void {
    this.durations.push(ms)
  }

  /** Slices timed so far (with the others' slices) and the longest and 95th-percentile one, in ms. */
  stats(...others: SlicePacer[]): { slices: number; longestMs: number; p95Ms: number } {
    const all = this.durations.concat(...others.map((o) => o.durations))
    const sorted = all.sort((a, b) => a - b)
    const at = (q: number): number =>
      sorted.length === 0
        ? 0
        : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number)
    return { slices: sorted.length, longestMs: sorted.at(-1) ?? 0, p95Ms: at(0.95) }
  }
}
