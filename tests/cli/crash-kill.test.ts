/**
 * The crash proof: `desk batch` (the built CLI, one process, one open database) writes
 * customers, deliveries, stage updates, secrets and backups in a loop; each line it prints is
 * a committed write. It is killed with SIGKILL at a random moment; then the database must
 * open, pass integrity_check and hold every write reported, and no partial file may sit under
 * a final name. Rounds: DESK_CRASH_KILLS (npm run crash: 100), else a fixed-seed 5 for CI.
 */
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { checkDatabase } from '../../electron/core/db/database-check'
import { openNodeCore } from '../../electron/core/node-core'
import { isTempFileName } from '../../electron/core/shared/atomic-file'
import { usccCheckCharacter } from '../../electron/core/validation/uscc'

const CLI = resolve(__dirname, '../../out/cli/desk.cjs')
const KILLS = Number(process.env.DESK_CRASH_KILLS ?? 5)
const SEED = Number(process.env.DESK_CRASH_SEED ?? 20261126)
const PASSPHRASE = '黄河远上白云间一片孤城万仞山'

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

function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

interface Committed {
  customers: Map<string, string> // taxId → name
  secrets: Map<string, string> // `${customerId}:${field}` → value
  stages: Map<number, string> // deliveryId → last status of 'kickoff'
  backups: number
  /** refusals stop the round; the test expects none */
  refused: string[]
}

/** The calls of round `round`, step `i`: the customer's id comes from the previous answer. */
function* plan(round: number): Generator<{ call: string; payload: object; tag: string }> {
  for (let i = 0; ; i++) {
    const n = round * 100_000 + i
    yield {
      call: 'customers.create',
      payload: { name: `兰州黄河云票科技有限公司${n}`, taxId: taxId(n) },
      tag: `c:${n}`
    }
    if (i % 7 === 3) yield { call: 'backup.create', payload: {}, tag: 'b' }
  }
}

async function runRound(
  dbPath: string,
  passFile: string,
  round: number,
  killAfterMs: number,
  committed: Committed
): Promise<{ lines: number }> {
  const child = spawn(
    process.execPath,
    [CLI, '--db', dbPath, '--passphrase-file', passFile, 'batch'],
    { stdio: ['pipe', 'pipe', 'pipe'] }
  )
  const calls = plan(round)
  let buffer = ''
  let lines = 0
  let pending: { call: string; payload: object; tag: string } | null = null
  let lastCustomer = 0
  let lastDelivery = 0
  let step = 0
  const send = (next: { call: string; payload: object; tag: string }): void => {
    pending = next
    child.stdin.write(JSON.stringify({ call: next.call, payload: next.payload }) + '\n')
  }
  const nextCall = (): { call: string; payload: object; tag: string } => {
    step++
    // after each customer: a delivery, a stage update and a secret for it
    if (lastCustomer && step % 4 === 1) {
      return { call: 'deliveries.create', payload: { customerId: lastCustomer }, tag: 'd' }
    }
    if (lastDelivery && step % 4 === 2) {
      // statuses without completion rules, so every update commits
      const status = step % 8 === 2 ? 'in_progress' : 'pending'
      return {
        call: 'stages.update',
        payload: { deliveryId: lastDelivery, stage: 'kickoff', status },
        tag: `s:${status}`
      }
    }
    if (lastCustomer && step % 4 === 3) {
      return {
        call: 'credentials.set',
        payload: { customerId: lastCustomer, field: 'fkey', value: `fk${round}x${step}` },
        tag: 'k'
      }
    }
    return calls.next().value!
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
      if (!answer.ok) {
        committed.refused.push(`${done.call}: ${line}`)
        return
      }
      const result = answer.result!
      if (done.call === 'customers.create') {
        const customer = result.customer as { id: number; name: string; taxId: string }
        committed.customers.set(customer.taxId, customer.name)
        lastCustomer = customer.id
      } else if (done.call === 'deliveries.create') {
        lastDelivery = (result as { delivery: { id: number } }).delivery.id
      } else if (done.call === 'stages.update') {
        committed.stages.set(lastDelivery, done.tag.slice(2))
      } else if (done.call === 'credentials.set') {
        const p = done.payload as { customerId: number; field: string; value: string }
        committed.secrets.set(`${p.customerId}:${p.field}`, p.value)
      } else if (done.call === 'backup.create') {
        committed.backups++
      }
      send(nextCall())
    }
  })
  send(nextCall())
  // the kill moment counts from the first committed write (start-up and unlock vary with load)
  const started = Date.now()
  while (lines === 0 && Date.now() - started < 30_000 && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 5))
  }
  await new Promise((r) => setTimeout(r, killAfterMs))
  child.kill('SIGKILL')
  await new Promise((r) => child.once('close', r))
  return { lines }
}

function verify(dbPath: string): void {
  const check = checkDatabase(dbPath, { depth: 'full' })
  expect(check, JSON.stringify(check)).toMatchObject({ ok: true })
  const dir = join(dbPath, '..')
  const backups = join(dir, 'backups')
  for (const folder of [dir, backups]) {
    for (const name of existsSync(folder) ? readdirSync(folder) : []) {
      // a temp file may remain (cleaned at the next start); never a partial final file
      if (isTempFileName(name) || !name.endsWith('.sqlite')) continue
      const path = join(folder, name)
      if (path === dbPath) continue
      expect(checkDatabase(path, { depth: 'full' }), name).toMatchObject({ ok: true })
    }
  }
}

async function verifyContent(dbPath: string, committed: Committed): Promise<number> {
  const core = openNodeCore(dbPath)
  let lost = 0
  try {
    const db = core.deps.db
    const byTax = db.prepare('SELECT name FROM customers WHERE tax_id = ?')
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
  } finally {
    core.deps.db.close()
  }
  return lost
}

describe('SIGKILL at random moments during writes, secrets and backups (desk batch)', () => {
  it(`loses no committed write and leaves no partial file in ${KILLS} kills`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-crash-'))
    try {
      const dbPath = join(dir, 'delivery-desk.sqlite')
      const passFile = join(dir, 'pass.txt')
      writeFileSync(passFile, PASSPHRASE + '\n', { mode: 0o600 })
      // a low scrypt cost (kept in the vault's header) so each child unlocks quickly
      const core = openNodeCore(dbPath, { scryptParams: { n: 4096, r: 8, p: 1 } })
      await core.vault.setup(PASSPHRASE)
      core.deps.db.close()
      const rand = random(SEED)
      const committed: Committed = {
        customers: new Map(),
        secrets: new Map(),
        stages: new Map(),
        backups: 0,
        refused: []
      }
      let writes = 0
      let lost = 0
      for (let round = 0; round < KILLS; round++) {
        const { lines } = await runRound(dbPath, passFile, round, rand() * 1500, committed)
        writes += lines
        verify(dbPath)
        lost += await verifyContent(dbPath, committed)
      }
      console.log(
        `crash: ${KILLS} kills survived, ${writes} writes reported committed ` +
          `(${committed.customers.size} customers, ${committed.secrets.size} secret keys, ` +
          `${committed.stages.size} deliveries' stages, ${committed.backups} backups), ${lost} lost`
      )
      expect(committed.refused).toEqual([])
      expect(lost).toBe(0)
      expect(writes).toBeGreaterThan(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 600_000)
})
