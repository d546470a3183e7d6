/**
 * The crash proof: `desk batch` (the built CLI, one process, one open database) runs a round's
 * script (crash-scripts.ts): writes, secrets and backups; backups and restores; or handover
 * bundle imports. Each line it prints is a committed write. It is killed with SIGKILL at a
 * random moment; then the database must open, pass integrity_check and hold every write
 * reported (a restore or an import cut off before its answer counts once it is found done;
 * an import is all or none), and no partial file may sit under a final name. Rounds:
 * DESK_CRASH_KILLS (npm run crash: 100), else a fixed-seed 6 for CI (two of each kind).
 */
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { checkDatabase } from '../../electron/core/db/database-check'
import { openNodeCore } from '../../electron/core/node-core'
import { isTempFileName } from '../../electron/core/shared/atomic-file'
import {
  cloneCommitted,
  emptyCommitted,
  RoundScript,
  taxId,
  type BundleInfo,
  type Committed,
  type Kind,
  type Step
} from './crash-scripts'
import {
  BUNDLE_PASS,
  cleanupLaptops,
  fullCustomer,
  laptop,
  SECRETS,
  VAULT_A
} from '../core/bundle/bundle-fixture'

const CLI = resolve(__dirname, '../../out/cli/desk.cjs')
const KILLS = Number(process.env.DESK_CRASH_KILLS ?? 6)
const SEED = Number(process.env.DESK_CRASH_SEED ?? 20261126)
const PASSPHRASE = '黄河远上白云间一片孤城万仞山'

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** mulberry32: the same kill moments on every CI run */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface RoundResult {
  lines: number
  committed: Committed
  /** the call the child was running when it was killed (no answer yet), if any */
  pending: Step | null
}

async function runRound(
  dbPath: string,
  passFile: string,
  script: RoundScript,
  killAfterMs: number,
  start: Committed
): Promise<RoundResult> {
  const child = spawn(
    process.execPath,
    [CLI, '--db', dbPath, '--passphrase-file', passFile, 'batch'],
    { stdio: ['pipe', 'pipe', 'pipe'] }
  )
  let committed = start
  let buffer = ''
  let lines = 0
  let pending: Step | null = null
  const send = (next: Step): void => {
    pending = next
    child.stdin.write(JSON.stringify({ call: next.call, payload: next.payload }) + '\n')
  }
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl)
      buffer = buffer.slice(nl + 1)
      lines++
      const answer = JSON.parse(line) as { ok: boolean; result?: Record<string, unknown> }
      const done = pending!
      pending = null
      if (!answer.ok) {
        committed.refused.push(`${done.call}: ${line}`)
        return
      }
      committed = script.record(done, answer.result!, committed)
      send(script.next())
    }
  })
  send(script.next())
  // the kill moment counts from the first committed write (start-up and unlock vary with load)
  const started = Date.now()
  while (lines === 0 && Date.now() - started < 30_000 && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 5))
  }
  await new Promise((r) => setTimeout(r, killAfterMs))
  child.kill('SIGKILL')
  await new Promise((r) => child.once('close', r))
  return { lines, committed, pending }
}

function verify(dbPath: string, bundleFiles: Set<string>): void {
  const check = checkDatabase(dbPath, { depth: 'full' })
  expect(check, JSON.stringify(check)).toMatchObject({ ok: true })
  const dir = join(dbPath, '..')
  for (const folder of [dir, join(dir, 'backups')]) {
    for (const name of existsSync(folder) ? readdirSync(folder) : []) {
      // a temp file may remain (cleaned at the next start); never a partial final file
      if (isTempFileName(name) || !name.endsWith('.sqlite')) continue
      const path = join(folder, name)
      if (path === dbPath) continue
      expect(checkDatabase(path, { depth: 'full' }), name).toMatchObject({ ok: true })
    }
  }
  // files a bundle import carried: under their final name only whole (the bundle's bytes)
  const handover = join(dir, 'handover')
  for (const name of existsSync(handover) ? readdirSync(handover) : []) {
    if (isTempFileName(name)) continue
    expect(bundleFiles.has(sha256(readFileSync(join(handover, name)))), name).toBe(true)
  }
}

/** Writes reported committed that the database does not hold (0 when all are there). */
async function lostWrites(
  dbPath: string,
  committed: Committed,
  bundle: BundleInfo
): Promise<number> {
  const core = openNodeCore(dbPath)
  let lost = 0
  try {
    const db = core.deps.db
    const byTax = db.prepare('SELECT id, name FROM customers WHERE tax_id = ?')
    for (const [tax, name] of committed.customers) {
      const row = byTax.get(tax) as { name: string } | undefined
      if (row?.name !== name) lost++
    }
    await core.vault.unlock(PASSPHRASE)
    for (const [key, value] of committed.secrets) {
      const [customerId, field] = key.split(':')
      if (core.credentials.reveal(Number(customerId), field!) !== value) lost++
    }
    for (const [deliveryId, status] of committed.stages) {
      const detail = core.deliveries.get(deliveryId) as unknown as {
        stages: { stage: string; status: string }[]
      }
      if (detail.stages.find((s) => s.stage === 'kickoff')?.status !== status) lost++
    }
    // a bundle import is all or none; once committed, its customers and secrets are here
    const here = bundle.taxIds.map((t) => byTax.get(t) as { id: number } | undefined)
    const count = here.filter(Boolean).length
    if (count !== 0 && count !== bundle.taxIds.length) lost += bundle.taxIds.length - count
    if (committed.bundleImported) {
      if (count === 0) lost += bundle.taxIds.length
      for (const row of here) {
        if (row && core.credentials.reveal(row.id, 'fkey') !== SECRETS.fkey) lost++
      }
    }
  } finally {
    core.deps.db.close()
  }
  return lost
}

function bundleCustomersHere(dbPath: string, bundle: BundleInfo): boolean {
  const core = openNodeCore(dbPath)
  try {
    return bundle.taxIds.every((t) => core.customers.findByTaxId(t) !== null)
  } finally {
    core.deps.db.close()
  }
}

/** A handover bundle of three customers with everything (files, secrets), made on laptop A. */
async function makeBundle(): Promise<{ bundle: BundleInfo; files: Set<string> }> {
  const a = laptop('crash')
  await a.core.vault.setup(VAULT_A)
  const ids: number[] = []
  const taxIds: string[] = []
  for (let i = 0; i < 3; i++) {
    // far above the rounds' own numbers (round × 100,000 + step)
    const who = { name: `交接客户${i}`, taxId: taxId(500_000_000 + i) }
    ids.push((await fullCustomer(a, who)).customerId)
    taxIds.push(who.taxId)
  }
  const path = join(a.dir, 'handover.ddbundle')
  await a.core.bundles.export(
    { customerIds: ids, includeSecrets: true, bundlePassphrase: BUNDLE_PASS },
    path
  )
  const files = new Set(
    readdirSync(a.dir)
      .filter((n) => n.endsWith('.docx'))
      .map((n) => sha256(readFileSync(join(a.dir, n))))
  )
  return { bundle: { path, passphrase: BUNDLE_PASS, taxIds }, files }
}

const KINDS: Kind[] = ['writes', 'restore', 'bundle']

describe('SIGKILL at random moments during writes, secrets, backups, restores and bundle imports', () => {
  it(
    `loses no committed write and leaves no partial file in ${KILLS} kills`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'desk-crash-'))
      try {
        const dbPath = join(dir, 'delivery-desk.sqlite')
        const passFile = join(dir, 'pass.txt')
        writeFileSync(passFile, PASSPHRASE + '\n', { mode: 0o600 })
        // a low scrypt cost (kept in the vault's header) so each child unlocks quickly
        const core = openNodeCore(dbPath, { scryptParams: { n: 4096, r: 8, p: 1 } })
        await core.vault.setup(PASSPHRASE)
        core.deps.db.close()
        const { bundle, files } = await makeBundle()
        const rand = random(SEED)
        let committed = emptyCommitted()
        let writes = 0
        let lost = 0
        const killedDuring: Record<string, number> = {}
        for (let round = 0; round < KILLS; round++) {
          const kind = KINDS[round % KINDS.length]!
          const script = new RoundScript(kind, round, bundle)
          const result = await runRound(dbPath, passFile, script, rand() * 1500, committed)
          writes += result.lines
          committed = result.committed
          const during = result.pending?.call ?? 'between calls'
          killedDuring[during] = (killedDuring[during] ?? 0) + 1
          verify(dbPath, files)
          // a call cut off by the kill may have committed without its answer: then its effect counts
          if (result.pending?.call === 'backup.restore' && script.atBackup) {
            if ((await lostWrites(dbPath, committed, bundle)) > 0) {
              const restored = cloneCommitted(script.atBackup)
              restored.refused = committed.refused
              committed = restored
            }
          }
          if (result.pending?.call === 'bundle.import' && bundleCustomersHere(dbPath, bundle)) {
            committed.bundleImported = true
          }
          lost += await lostWrites(dbPath, committed, bundle)
        }
        console.log(
          `crash: ${KILLS} kills survived, ${writes} writes reported committed ` +
            `(${committed.customers.size} customers, ${committed.secrets.size} secret keys, ` +
            `${committed.stages.size} deliveries' stages, ${committed.backups} backups, ` +
            `${committed.restores} restores, ${committed.imports} bundle imports), ${lost} lost; ` +
            `killed during: ${JSON.stringify(killedDuring)}`
        )
        expect(committed.refused).toEqual([])
        expect(lost).toBe(0)
        expect(writes).toBeGreaterThan(0)
      } finally {
        cleanupLaptops()
        rmSync(dir, { recursive: true, force: true })
      }
    },
    Math.max(600_000, KILLS * 40_000)
  )
})
