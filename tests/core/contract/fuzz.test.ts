/**
 * Every contract call under generated payloads (see fuzz-harness.ts). CI runs a fixed seed
 * and a few hundred payloads per call; `npm run fuzz` runs 10,000 per call with a fresh seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
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
/** The run's working folder: an empty temp folder, so a relative path could land nowhere else. */
let workDir = ''
const startDir = process.cwd()
const stats: Record<string, CallStats> = {}
const failures: FuzzFailure[] = []

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'desk-fuzz-cwd-'))
  process.chdir(workDir)
  // FUZZ_STRICT=1 also compares every table's content around each refusal (slow)
  fx = await createFixture({ strict: process.env.FUZZ_STRICT === '1' })
}, 60_000)

afterAll(() => {
  process.chdir(startDir)
  rmSync(workDir, { recursive: true, force: true })
  if (process.env.FUZZ_REPORT) {
    writeFileSync(
      resolve(startDir, process.env.FUZZ_REPORT),
      JSON.stringify({ runs: RUNS, seed: SEED, stats, failures }, null, 2)
    )
  }
  fx?.cleanup()
})

describe('the change detector', () => {
  it('notices a committed write and a changed row, and not a write that changed nothing', () => {
    const db = fx.core.deps.db
    const version = (): unknown => fx.watcher.pragma('data_version', { simple: true })
    const v0 = version()
    const hash = contentHash(db)
    db.prepare("UPDATE customers SET notes = 'x' WHERE id = ?").run(fx.ids.customer)
    const v1 = version()
    expect(v1).not.toBe(v0)
    expect(contentHash(db)).not.toBe(hash)
    db.prepare("UPDATE customers SET notes = 'x' WHERE id = ?").run(fx.ids.customer)
    expect(version()).toBe(v1)
    db.prepare("UPDATE customers SET notes = '' WHERE id = ?").run(fx.ids.customer)
    expect(contentHash(db)).toBe(hash)
  })
})

describe(`every call answers generated payloads with a result or a typed refusal (seed ${SEED})`, () => {
  for (const name of CALL_NAMES) {
    it(
      `${name}: never INTERNAL, and a refusal leaves the database unchanged`,
      async () => {
        const result = await fuzzCall(fx, name, RUNS, SEED)
        stats[name] = result.stats
        failures.push(...result.failures)
        expect(result.failures.slice(0, 5)).toEqual([])
        expect(result.stats.tried).toBe(RUNS)
      },
      Math.max(30_000, RUNS * 200)
    )
  }
})

describe('where the run writes', () => {
  it('wrote nothing into its working folder: no path from a payload was taken as relative', () => {
    expect(process.cwd()).toBe(workDir)
    expect(readdirSync(workDir)).toEqual([])
  })
})

describe('the generator reaches the accepting paths', () => {
  it('creates and updates customers with some of its payloads, not only refusals', () => {
    // runs after the per-call tests above (vitest keeps file order)
    for (const name of ['customers.create', 'customers.update'] as const) {
      expect(stats[name]?.accepted ?? 0, name).toBeGreaterThan(RUNS / 10)
    }
  })
})
