/**
 * npm run bench: registry search and import on 100k customers, each against a baseline measured
 * in the same run (a LIKE '%…%' scan over the same rows; plain INSERTs without validation or
 * index). Prints a table; timings belong here, not in the tests.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openNodeCore } from '../electron/core/node-core'
import { usccCheckCharacter } from '../electron/core/validation/uscc'
import { importCustomersCsv } from '../electron/core/import/customer-import'
import { credentialAad, newDataKey, open, seal } from '../electron/core/vault/vault-crypto'

const N = Number(process.env.BENCH_ROWS ?? 100_000)
const PROVINCES = [
  '甘肃省兰州市',
  '广东省深圳市',
  '北京市',
  '上海市',
  '四川省成都市',
  '浙江省杭州市',
  '湖北省武汉市',
  '陕西省西安市'
]
const DISTRICTS = [
  '城关区',
  '七里河区',
  '南山区',
  '福田区',
  '朝阳区',
  '浦东新区',
  '武侯区',
  '西湖区',
  '江汉区',
  '雁塔区'
]
const WORDS = [
  '华为',
  '黄河',
  '云票',
  '丝路',
  '天成',
  '长城',
  '金桥',
  '恒信',
  '远航',
  '明德',
  '同创',
  '兴业',
  '宏图',
  '瑞丰',
  '博远'
]
const TRADES = [
  '科技',
  '商贸',
  '餐饮',
  '建设',
  '物流',
  '医药',
  '文化传媒',
  '电子',
  '农业开发',
  '信息技术'
]
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']

let seed = 42
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return (seed >>> 8) % n
}
const pick = <T,>(a: T[]): T => a[rand(a.length)] as T

function taxId(n: number): string {
  const first17 =
    `91${String(110000 + (n % 890000)).padStart(6, '0')}${String(n).padStart(9, '0')}`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

function customer(i: number): Record<string, string> {
  const place = pick(PROVINCES)
  return {
    name: `${place.replace(/^.*省/, '').replace(/市$/, '')}${pick(WORDS)}${pick(WORDS)}${pick(TRADES)}有限公司`,
    taxId: taxId(i),
    address: `${place}${pick(DISTRICTS)}${pick(WORDS)}路${1 + rand(300)}号`,
    phone: `0${931 + rand(60)}-${8000000 + rand(1999999)}`,
    contactName: pick(SURNAMES) + pick(['伟', '娜', '强', '敏', '磊', '静']),
    contactPhone: `13${rand(10)}${String(10000000 + rand(89999999))}`
  }
}

function time(fn: () => void, runs: number): { median: number; p95: number } {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return {
    median: samples[Math.floor(runs / 2)] as number,
    p95: samples[Math.floor(runs * 0.95)] as number
  }
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(8)

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'))
  try {
    const core = openNodeCore(join(dir, 'bench.sqlite'))
    const db = core.deps.db
    const rows: string[] = []

    // --- load: the service (validation + index + audit) vs plain INSERTs into a bare table
    db.exec(
      'CREATE TABLE baseline (name TEXT, tax_id TEXT, address TEXT, phone TEXT, contact_name TEXT, contact_phone TEXT)'
    )
    const plain = db.prepare(
      'INSERT INTO baseline VALUES (@name, @taxId, @address, @phone, @contactName, @contactPhone)'
    )
    let t0 = performance.now()
    db.transaction(() => {
      for (let i = 0; i < N; i++) plain.run(customer(i))
    })()
    const baseLoad = performance.now() - t0
    seed = 42
    t0 = performance.now()
    db.transaction(() => {
      for (let i = 0; i < N; i++) core.customers.create(customer(i))
    })()
    const load = performance.now() - t0
    rows.push(
      `| load ${N} customers (one transaction) | ${fmt(load)} ms | ${fmt(baseLoad)} ms | ${(N / (load / 1000)).toFixed(0)} rows/s vs ${(N / (baseLoad / 1000)).toFixed(0)} |`
    )

    // --- search: bigram FTS vs LIKE over all searchable columns of the same rows
    const like = db.prepare(
      `SELECT count(*) AS n FROM baseline WHERE name LIKE @q OR tax_id LIKE @q OR address LIKE @q OR phone LIKE @q OR contact_name LIKE @q OR contact_phone LIKE @q`
    )
    for (const q of ['兰州', '华为', '云票科技', '城关区黄河', '陇', '9111', '张伟', '0931-80']) {
      const ours = time(() => core.customers.search({ query: q, limit: 50, offset: 0 }), 25)
      const base = time(() => like.get({ q: `%${q}%` }), 10)
      const total = core.customers.search({ query: q, limit: 1, offset: 0 }).total
      rows.push(
        `| search "${q}" (${total} hits, first page + total) | ${fmt(ours.median)} ms (p95 ${fmt(ours.p95).trim()}) | ${fmt(base.median)} ms | ${(base.median / ours.median).toFixed(1)}× |`
      )
    }
    const list = time(() => core.customers.search({ limit: 50, offset: 0 }), 25)
    rows.push(`| list newest 50 (no query) | ${fmt(list.median)} ms | | |`)

    // --- CSV import through the streaming importer
    const csv = ['企业名称,企业税号,地址']
    for (let i = N; i < N + 20_000; i++) {
      const c = customer(i)
      csv.push(`${c.name},${c.taxId},${c.address}`)
    }
    async function* chunks(): AsyncGenerator<string> {
      for (let i = 0; i < csv.length; i += 1000) yield csv.slice(i, i + 1000).join('\n') + '\n'
    }
    t0 = performance.now()
    const report = await importCustomersCsv(chunks(), {
      db,
      customers: core.customers,
      audit: core.audit,
      now: core.now,
      actor: core.actor
    })
    const imp = performance.now() - t0
    rows.push(
      `| CSV import 20000 rows (${report.added} added) | ${fmt(imp)} ms | | ${(20_000 / (imp / 1000)).toFixed(0)} rows/s |`
    )

    // --- vault: unlock (scrypt N=2^17) and the per-secret cost through the service (AES-GCM,
    // AAD, history row, audit entry) against bare AES-256-GCM on the same bytes
    await core.vault.setup('bench passphrase 黄河')
    core.vault.lock()
    t0 = performance.now()
    await core.vault.unlock('bench passphrase 黄河')
    const unlockMs = performance.now() - t0
    rows.push(`| vault unlock (scrypt N=2^17, r=8, p=1) | ${fmt(unlockMs)} ms | | |`)
    const SECRET_RUNS = 2000
    t0 = performance.now()
    for (let i = 0; i < SECRET_RUNS; i++)
      core.credentials.set(1 + (i % 50), 'clientSecret', `secret-${i}-d81f0c2a9b5e7e3dc`)
    const setUs = ((performance.now() - t0) * 1000) / SECRET_RUNS
    t0 = performance.now()
    for (let i = 0; i < SECRET_RUNS; i++) core.credentials.reveal(1 + (i % 50), 'clientSecret')
    const revealUs = ((performance.now() - t0) * 1000) / SECRET_RUNS
    const key = newDataKey()
    const aad = credentialAad({ id: 1, customerId: 1, field: 'clientSecret', version: 1 }, 1)
    const bytes = Buffer.from('secret-1-d81f0c2a9b5e7e3dc')
    t0 = performance.now()
    for (let i = 0; i < SECRET_RUNS; i++) open(key, seal(key, bytes, aad), aad)
    const rawUs = ((performance.now() - t0) * 1000) / SECRET_RUNS
    rows.push(
      `| store one secret (seal + history + audit) | ${setUs.toFixed(0)} µs | ${rawUs.toFixed(1)} µs (bare seal+open) | |`
    )
    rows.push(
      `| reveal one secret (open + audit) | ${revealUs.toFixed(0)} µs | ${rawUs.toFixed(1)} µs (bare seal+open) | |`
    )

    db.pragma('wal_checkpoint(TRUNCATE)')
    const size = statSync(join(dir, 'bench.sqlite')).size
    const idx = db
      .prepare("SELECT sum(pgsize) AS s FROM dbstat WHERE name LIKE 'customer_search%'")
      .get() as { s: number | null }
    rows.push(
      `| database size (${N + report.added} customers) | ${(size / 1e6).toFixed(1)} MB | | search index ${((idx.s ?? 0) / 1e6).toFixed(1)} MB |`
    )
    db.close()

    console.log(
      `\nDelivery Desk benchmark · node ${process.versions.node} · ${new Date().toISOString()}\n`
    )
    console.log('| case | ours | baseline | ratio / note |')
    console.log('|---|---|---|---|')
    for (const r of rows) console.log(r)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
