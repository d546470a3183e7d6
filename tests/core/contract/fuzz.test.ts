/**
 * Every contract call under generated payloads (see fuzz-harness.ts). CI runs a fixed seed
 * and a few hundred payloads per call; `npm run fuzz` runs 10,000 per call with a fresh seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import {
  CALL_NAMES,
  contentHash,
  createFixture,
  fuzzCall,
  type CallStats,
  type Fixture,
  type FuzzFailure
} from './fuzz-harness'

const RUNS = Number(process.env.FUZZ_RUNS) || 200
const SEED = Number(process.env.FUZZ_SEED) || 20261126

let fx: Fixture
const baseline = { hash: '', changes: 0 }
const stats: Record<string, CallStats> = {}
const failures: FuzzFailure[] = []

beforeAll(async () => {
  fx = await createFixture()
  baseline.hash = contentHash(fx.core.deps.db)
  baseline.changes = (
    fx.core.deps.db.prepare('SELECT total_changes() AS n').get() as { n: number }
  ).n
}, 60_000)

afterAll(() => {
  if (process.env.FUZZ_REPORT) {
    writeFileSync(
      process.env.FUZZ_REPORT,
      JSON.stringify({ runs: RUNS, seed: SEED, stats, failures }, null, 2)
    )
  }
  fx?.cleanup()
})

describe(`every call answers generated payloads with a result or a typed refusal (seed ${SEED})`, () => {
  for (const name of CALL_NAMES) {
    it(
      `${name}: never INTERNAL, and a refusal leaves the database unchanged`,
      async () => {
        const result = await fuzzCall(fx, name, RUNS, SEED, baseline)
        stats[name] = result.stats
        failures.push(...result.failures)
        expect(result.failures.slice(0, 5)).toEqual([])
        expect(result.stats.tried).toBe(RUNS)
      },
      Math.max(30_000, RUNS * 200)
    )
  }
})
