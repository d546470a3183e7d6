import { beforeAll, afterEach, describe, expect, it } from 'vitest'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openNodeCore } from '../../electron/core/node-core'
import { usccCheckCharacter } from '../../electron/core/validation/uscc'
import { MIGRATIONS } from '../../electron/core/db/migrations'

const LATEST = MIGRATIONS.at(-1)?.version

const ROOT = resolve(__dirname, '../..')
const DESK = join(ROOT, 'out/cli/desk.cjs')
const dirs: string[] = []

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-cli-'))
  dirs.push(d)
  return d
}

function desk(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string
): { status: number; json: unknown; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [DESK, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    cwd
  })
  let json: unknown
  try {
    json = JSON.parse(r.stdout)
  } catch {
    json = null
  }
  return { status: r.status ?? -1, json, stdout: r.stdout, stderr: r.stderr }
}

function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

beforeAll(() => {
  if (!existsSync(DESK)) {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '-c',
        'vite.cli.config.mts',
        '--logLevel',
        'warn'
      ],
      { cwd: ROOT }
    )
  }
}, 60_000)
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('desk call', () => {
  it('round-trips create, get, update, search and archive through the contract', () => {
    const db = join(tempDir(), 'd.sqlite')
    const created = desk([
      '--db',
      db,
      'call',
      'customers.create',
      JSON.stringify({
        name: '兰州黄河云票科技有限公司',
        taxId: '91440300MA5G3K7P0R',
        address: '兰州市城关区'
      })
    ])
    expect(created.status).toBe(0)
    expect(created.json).toMatchObject({
      customer: { id: 1, taxId: '91440300MA5G3K7P0R' },
      warnings: []
    })
    expect(desk(['--db', db, 'call', 'customers.get', '{"id":1}']).json).toMatchObject({
      name: '兰州黄河云票科技有限公司'
    })
    expect(
      desk(['--db', db, 'call', 'customers.update', '{"id":1,"phone":"0931-8866123"}']).json
    ).toMatchObject({ customer: { phone: '0931-8866123' } })
    expect(desk(['--db', db, 'call', 'customers.search', '{"query":"城关"}']).json).toMatchObject({
      total: 1
    })
    expect(desk(['--db', db, 'call', 'customers.archive', '{"id":1}']).status).toBe(0)
    expect(desk(['--db', db, 'call', 'customers.search', '{}']).json).toMatchObject({ total: 0 })
    const audit = desk(['--db', db, 'call', 'audit.list', '{"entityId":1}']).json as {
      items: { action: string }[]
    }
    expect(audit.items.map((e) => e.action)).toEqual([
      'customer.archive',
      'customer.update',
      'customer.create'
    ])
    expect(desk(['--db', db, 'call', 'app.info']).json).toMatchObject({
      schemaVersion: LATEST,
      dbPath: db
    })
  })

  it('prints a refusal as {"error":{code,field,message}} and exits 2', () => {
    const db = join(tempDir(), 'd.sqlite')
    const r = desk([
      '--db',
      db,
      'call',
      'customers.create',
      '{"name":"甲","taxId":"91440300MA5G3K7P0A"}'
    ])
    expect(r.status).toBe(2)
    expect(r.json).toMatchObject({
      error: { code: 'TAX_ID_CHECKSUM', field: 'taxId', message: expect.stringContaining('校验位') }
    })
    desk(['--db', db, 'call', 'customers.create', '{"name":"甲","taxId":"91440300MA5G3K7P0R"}'])
    const dup = desk([
      '--db',
      db,
      'call',
      'customers.create',
      '{"name":"乙","taxId":"91440300MA5G3K7P0R"}'
    ])
    expect(dup.status).toBe(2)
    expect(dup.json).toMatchObject({
      error: { code: 'DUPLICATE_TAX_ID', params: { existingName: '甲' } }
    })
  })

  it('refuses unknown calls, malformed JSON and payloads that fail the schema with exit 2', () => {
    const db = join(tempDir(), 'd.sqlite')
    expect(desk(['--db', db, 'call', 'customers.drop', '{}'])).toMatchObject({
      status: 2,
      json: { error: { code: 'UNKNOWN_CALL' } }
    })
    expect(desk(['--db', db, 'call', 'customers.get', '{oops'])).toMatchObject({
      status: 2,
      json: { error: { code: 'VALIDATION' } }
    })
    expect(desk(['--db', db, 'call', 'customers.get', '{"id":"1"}'])).toMatchObject({
      status: 2,
      json: { error: { code: 'VALIDATION', field: 'id' } }
    })
    expect(
      desk([
        '--db',
        db,
        'call',
        'customers.create',
        '{"name":"甲","taxId":"91440300MA5G3K7P0R","rogue":1}'
      ]).status
    ).toBe(2)
  })

  it('writes an export named by a relative path into the folder the command runs in', () => {
    const dir = tempDir()
    const db = join(dir, 'd.sqlite')
    const work = join(dir, 'work')
    mkdirSync(work)
    const r = desk(
      ['--db', db, 'call', 'reports.exportXlsx', '{"kind":"customers","path":"客户表.xlsx"}'],
      {},
      work
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.json).toMatchObject({ cancelled: false, path: join(work, '客户表.xlsx') })
    expect(readdirSync(work)).toEqual(['客户表.xlsx'])
  })

  it('refuses (exit 2, no stack trace) a --db that is not a database', () => {
    const dir = tempDir()
    const bad = join(dir, 'not-a-db.sqlite')
    writeFileSync(bad, 'this is not sqlite at all, just text'.repeat(200))
    const r = desk(['--db', bad, 'call', 'customers.search', '{}'])
    expect(r.status).toBe(2)
    expect(r.json).toMatchObject({ error: { code: 'DB_NOT_SQLITE' } })
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('shows usage and exits 2 for an unknown command', () => {
    const r = desk(['frobnicate'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('desk [--db PATH] [--passphrase-file FILE] call')
  })

  it('uses the app data folder when --db is not given (DESK_DATA_DIR overrides it)', () => {
    const dir = tempDir()
    expect(desk(['call', 'app.info'], { DESK_DATA_DIR: dir }).json).toMatchObject({
      dataDir: dir,
      dbPath: join(dir, 'delivery-desk.sqlite')
    })
  })
})

describe('desk and the vault', () => {
  // Seven processes, each deriving the key at the real scrypt cost (N=2^17): well over the
  // default 30 s on a loaded two-core machine.
  it('unlocks with DESK_PASSPHRASE or --passphrase-file and refuses a wrong one (exit 2)', () => {
    const dir = tempDir()
    const db = join(dir, 'd.sqlite')
    desk(['--db', db, 'call', 'customers.create', '{"name":"甲","taxId":"91440300MA5G3K7P0R"}'])
    expect(
      desk(['--db', db, 'call', 'vault.setup', '{}'], {
        DESK_NEW_PASSPHRASE: 'correct horse battery'
      }).json
    ).toMatchObject({ state: 'unlocked' })
    // a new process starts locked
    expect(
      desk([
        '--db',
        db,
        'call',
        'credentials.set',
        '{"customerId":1,"field":"fkey","value":"0a1b2c3d7"}'
      ])
    ).toMatchObject({
      status: 2,
      json: { error: { code: 'VAULT_LOCKED' } }
    })
    const env = { DESK_PASSPHRASE: 'correct horse battery' }
    expect(
      desk(
        [
          '--db',
          db,
          'call',
          'credentials.set',
          '{"customerId":1,"field":"fkey","value":"0a1b2c3d7"}'
        ],
        env
      ).status
    ).toBe(0)
    writeFileSync(join(dir, 'pass.txt'), 'correct horse battery\n')
    expect(
      desk([
        '--db',
        db,
        '--passphrase-file',
        join(dir, 'pass.txt'),
        'call',
        'credentials.reveal',
        '{"customerId":1,"field":"fkey"}'
      ]).json
    ).toEqual({
      value: '0a1b2c3d7',
      hideAfterSeconds: 30
    })
    expect(
      desk(['--db', db, 'call', 'credentials.list', '{"customerId":1}'], {
        DESK_PASSPHRASE: 'wrong one here'
      })
    ).toMatchObject({
      status: 2,
      json: { error: { code: 'VAULT_BAD_PASSPHRASE' } }
    })
    expect(
      desk(['--db', db, 'call', 'credentials.copy', '{"customerId":1,"field":"fkey"}'], env).json
    ).toMatchObject({ error: { code: 'CLIPBOARD_UNAVAILABLE' } })
  }, 120_000)
})

describe('desk doctor', () => {
  it('reports schema version, integrity and counts as JSON', () => {
    const db = join(tempDir(), 'd.sqlite')
    desk(['--db', db, 'call', 'customers.create', '{"name":"甲","taxId":"91440300MA5G3K7P0R"}'])
    const r = desk(['--db', db, 'doctor', '--json'])
    expect(r.status).toBe(0)
    expect(r.json).toMatchObject({
      schemaVersion: LATEST,
      latestSchemaVersion: LATEST,
      integrity: 'ok',
      journalMode: 'wal',
      counts: { customers: 1, archivedCustomers: 0, auditLog: 1 }
    })
    expect(desk(['--db', db, 'doctor']).stdout).toContain('完整性 ok')
  })
})

describe('desk customers import', () => {
  const HEADER_ZH =
    '企业名称,企业税号,地址,电话,开户银行,银行账号,开票员,管理员手机号,联系人,联系电话,邮箱,备注'

  it('imports a UTF-8 CSV with a BOM and Chinese headers, reporting added, duplicate and refused rows', () => {
    const dir = tempDir()
    const db = join(dir, 'd.sqlite')
    desk([
      '--db',
      db,
      'call',
      'customers.create',
      JSON.stringify({ name: '已有客户', taxId: taxId(1) })
    ])
    const csv = [
      HEADER_ZH,
      `兰州甲公司,${taxId(2)},"兰州市城关区, 二楼",0931-8866123,工行,6222 0212 3456 7890,李四,13812345678,张三,13912345678,a@b.cn,`,
      `重复的,${taxId(1)},,,,,,,,,,`,
      `坏税号公司,91440300MA5G3K7P0A,,,,,,,,,,`,
      `同文件重复,${taxId(2)},,,,,,,,,,`,
      `手机号错,${taxId(3)},,,,,,123,,,,`,
      `"多行
地址公司",${taxId(4)},"第一行
第二行",,,,,,,,,`
    ].join('\r\n')
    writeFileSync(join(dir, 'in.csv'), '\uFEFF' + csv)
    const r = desk(['--db', db, 'customers', 'import', join(dir, 'in.csv'), '--json'])
    expect(r.status).toBe(0)
    const report = r.json as {
      rows: number
      added: number
      skipped: { line: number; existingName: string }[]
      refused: { line: number; issues: { code: string }[] }[]
    }
    expect(report.rows).toBe(6)
    expect(report.added).toBe(2)
    expect(report.skipped.map((s) => [s.line, s.existingName])).toEqual([
      [3, '已有客户'],
      [5, '兰州甲公司']
    ])
    expect(report.refused.map((x) => [x.line, x.issues[0]?.code])).toEqual([
      [4, 'TAX_ID_CHECKSUM'],
      [6, 'MOBILE_FORMAT']
    ])
    const core = openNodeCore(db)
    const found = core.customers.search({ query: '二楼', limit: 5, offset: 0 })
    expect(found.items[0]).toMatchObject({
      name: '兰州甲公司',
      bankAccount: '6222021234567890',
      address: '兰州市城关区, 二楼'
    })
    expect(core.customers.search({ query: '第二行', limit: 5, offset: 0 }).items[0]?.name).toBe(
      '多行\n地址公司'.replace('\n', ' ')
    )
    expect(core.audit.list({ action: 'customer.import' }).items[0]?.details).toMatchObject({
      added: 2,
      skipped: 2,
      refused: 2
    })
    core.deps.db.close()
    // the human-readable report names lines and reasons
    const again = desk(['--db', db, 'customers', 'import', join(dir, 'in.csv')])
    expect(again.stdout).toContain('第 4 行 拒绝')
  })

  it('accepts camelCase headers and no BOM', () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'in.csv'),
      `taxId,name,contactName,unknownColumn\n${taxId(7)},甲公司,王五,x\n`
    )
    const r = desk([
      '--db',
      join(dir, 'd.sqlite'),
      'customers',
      'import',
      join(dir, 'in.csv'),
      '--json'
    ])
    expect(r.json).toMatchObject({ added: 1, ignoredColumns: ['unknownColumn'] })
  })

  it('refuses a file without the required columns (exit 2) and writes nothing', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'in.csv'), '地址,电话\n兰州,0931-8866123\n')
    const r = desk(['--db', join(dir, 'd.sqlite'), 'customers', 'import', join(dir, 'in.csv')])
    expect(r.status).toBe(2)
    expect(r.json).toMatchObject({ error: { code: 'CSV_HEADER' } })
  })

  it(
    'leaves none of the rows when the import is killed part-way (one transaction)',
    { timeout: 90_000 },
    async () => {
      const dir = tempDir()
      const db = join(dir, 'd.sqlite')
      const fifo = join(dir, 'in.csv')
      execFileSync('mkfifo', [fifo])
      const child = spawn(process.execPath, [DESK, '--db', db, 'customers', 'import', fifo], {
        stdio: 'ignore'
      })
      const { createWriteStream } = await import('node:fs')
      const writer = createWriteStream(fifo)
      writer.on('error', () => undefined) // EPIPE once the reader is killed
      writer.write(HEADER_ZH + '\n')
      for (let i = 10; i < 100_010; i++)
        writer.write(`公司${i},${taxId(i)},兰州市城关区,,,,,,,,,\n`)
      // wait until the importer has written enough rows that they spill into the WAL, then kill it
      const wal = `${db}-wal`
      const deadline = Date.now() + 60_000
      while (Date.now() < deadline && !(existsSync(wal) && statSync(wal).size > 256 * 1024)) {
        await new Promise((ok) => setTimeout(ok, 50))
      }
      expect(statSync(wal).size).toBeGreaterThan(256 * 1024)
      child.kill('SIGKILL')
      await new Promise((ok) => child.once('exit', ok))
      writer.destroy()
      const core = openNodeCore(db)
      expect(core.customers.search({ limit: 1, offset: 0 }).total).toBe(0)
      expect(core.audit.list().total).toBe(0)
      core.deps.db.close()
      expect(readdirSync(dir)).toContain('d.sqlite')
    }
  )
})

describe('desk customers import (other forms)', () => {
  it('imports GBK CSV and .xlsx files, the chosen sheet with --sheet', async () => {
    const dir = tempDir()
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('说明').addRow(['说明'])
    const ws = wb.addWorksheet('客户')
    ws.addRow(['企业名称', '企业税号'])
    ws.addRow(['表格公司', taxId(21)])
    await wb.xlsx.writeFile(join(dir, 'in.xlsx'))
    const db = join(dir, 'd.sqlite')
    const r = desk([
      '--db',
      db,
      'customers',
      'import',
      join(dir, 'in.xlsx'),
      '--sheet',
      '客户',
      '--json'
    ])
    expect(r.json).toMatchObject({ format: 'xlsx', sheet: '客户', added: 1 })
    // "企业名称,企业税号\n甘肃公司,<taxId>" in GBK: 企业名称 is C6F3 D2B5 C3FB B3C6
    const gbk = Buffer.concat([
      Buffer.from([0xc6, 0xf3, 0xd2, 0xb5, 0xc3, 0xfb, 0xb3, 0xc6]),
      Buffer.from(','),
      Buffer.from([0xc6, 0xf3, 0xd2, 0xb5, 0xcb, 0xb0, 0xba, 0xc5]), // 企业税号
      Buffer.from('\n'),
      Buffer.from([0xb8, 0xca, 0xcb, 0xe0, 0xb9, 0xab, 0xcb, 0xbe]), // 甘肃公司
      Buffer.from(`,${taxId(22)}\n`)
    ])
    writeFileSync(join(dir, 'gbk.csv'), gbk)
    const g = desk(['--db', db, 'customers', 'import', join(dir, 'gbk.csv'), '--json'])
    expect(g.json).toMatchObject({ encoding: 'gb18030', added: 1 })
    const core = openNodeCore(db)
    expect(core.customers.search({ query: '甘肃', limit: 5, offset: 0 }).items[0]?.name).toBe(
      '甘肃公司'
    )
    core.deps.db.close()
  })
})

describe('desk batch', () => {
  it('runs one call per line in one process and answers each with its own time', () => {
    const dir = tempDir()
    const db = join(dir, 'd.sqlite')
    const input = [
      JSON.stringify({ call: 'customers.create', payload: { name: '甲公司', taxId: taxId(31) } }),
      '',
      JSON.stringify({ call: 'customers.search', payload: { query: '甲', limit: 5 } }),
      JSON.stringify({ call: 'customers.create', payload: { name: '乙公司', taxId: taxId(31) } }),
      'not json',
      JSON.stringify({ call: 'no.such.call', payload: {} })
    ].join('\n')
    const r = spawnSync(process.execPath, [DESK, '--db', db, 'batch'], { input, encoding: 'utf8' })
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatchObject({ ok: true, result: { customer: { id: 1, name: '甲公司' } } })
    expect(lines[1]).toMatchObject({ ok: true, result: { total: 1, totalCapped: false } })
    expect(lines[2]).toMatchObject({ ok: false, error: { code: 'DUPLICATE_TAX_ID' } })
    expect(lines[3]).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(lines[4]).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
    for (const line of lines) {
      expect(typeof line.ms).toBe('number')
      expect(line.ms as number).toBeGreaterThanOrEqual(0)
    }
    expect(r.status).toBe(2)
  })
})
