// npm run fuzz: 10,000 generated payloads per contract call, a fresh seed each run (printed,
// so a failure can be replayed with FUZZ_SEED=<seed>). The report lands in fuzz-report.json.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const seed = process.env.FUZZ_SEED || String(Date.now() % 2 ** 31)
const runs = process.env.FUZZ_RUNS || '10000'
console.log(`fuzz: ${runs} payloads per call, seed ${seed}`)
const result = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--project',
    'unit',
    'tests/core/contract/fuzz.test.ts'
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_RUNS: runs,
      FUZZ_SEED: seed,
      FUZZ_REPORT: resolve('fuzz-report.json')
    }
  }
)
process.exit(result.status ?? 1)
