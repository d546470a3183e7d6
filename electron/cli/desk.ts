/**
 * desk: the headless command line over the same contract and handlers as the app.
 *
 *   desk [--db PATH] call <name> '<json>'     run one contract call, print its JSON result
 *   desk [--db PATH] doctor [--json]          schema version, integrity check, counts
 *   desk [--db PATH] customers import FILE.csv [--json]
 *   desk calls                                list the contract's calls
 *
 * Exit status: 0 done, 2 refused (the error JSON says why), 1 anything unexpected.
 */
import { createReadStream } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CALL_NAMES } from '../core/contract/call-names'
import { dispatch, toErrorPayload } from '../core/contract/dispatch'
import { createHandlers } from '../core/handlers'
import { DeskError } from '../core/errors/desk-error'
import { importCustomersCsv, type ImportReport } from '../core/import/customer-import'
import { openNodeCore } from '../core/node-core'
import { DB_FILE_NAME, defaultDataDir } from '../core/paths'
import { runDoctor } from '../core/db/doctor'
import type { Core } from '../core/core'
import { deskErrorFromDb } from '../core/db/db-errors'
import {
  assertDatabaseArg,
  assertReadableFile,
  cleanLeftovers,
  readPassphraseFile,
  runBackup,
  runRestore
} from './backup-commands'

const USAGE = `用法 / usage:
  desk [--db PATH] [--passphrase-file FILE] call <name> '<json>'   (or DESK_PASSPHRASE)
  desk [--db PATH] doctor [--json]
  desk [--db PATH] customers import FILE.csv [--json]
  desk [--db PATH] backup [--sealed]      (sealed: DESK_BACKUP_PASSPHRASE or --backup-passphrase-file)
  desk [--db PATH] restore FILE
  desk calls
默认数据库 / default database: ${join(defaultDataDir(process.platform, process.env, homedir()), DB_FILE_NAME)}`

class UsageError extends Error {}

interface Args {
  db: string
  json: boolean
  passphraseFile: string | null
  rest: string[]
}

function parseArgs(argv: string[]): Args {
  const rest: string[] = []
  let db = join(defaultDataDir(process.platform, process.env, homedir()), DB_FILE_NAME)
  let json = false
  let passphraseFile: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--db') {
      const value = argv[++i]
      if (!value) throw new UsageError('--db needs a path')
      db = value
    } else if (a.startsWith('--db=')) db = a.slice(5)
    else if (a === '--json') json = true
    else if (a === '--passphrase-file') {
      const value = argv[++i]
      if (!value) throw new UsageError('--passphrase-file needs a path')
      passphraseFile = value
    } else if (a === '-h' || a === '--help') throw new UsageError('')
    else rest.push(a)
  }
  return { db, json, passphraseFile, rest }
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

/**
 * The vault passphrase for this run: from --passphrase-file (its trailing newline dropped) or
 * DESK_PASSPHRASE. Never from the command line itself, where other users could read it.
 */
function passphraseFrom(args: Args): string | null {
  if (args.passphraseFile) return readPassphraseFile(args.passphraseFile)
  return process.env.DESK_PASSPHRASE || null
}

async function runCall(
  core: Core,
  name: string | undefined,
  json: string | undefined,
  passphrase: string | null
): Promise<number> {
  if (!name) throw new UsageError('call needs a name')
  if (passphrase && !name.startsWith('vault.') && core.vault.status().state === 'locked') {
    await core.vault.unlock(passphrase)
  }
  let payload: unknown = {}
  if (json !== undefined && json.trim() !== '') {
    try {
      payload = JSON.parse(json)
    } catch (error) {
      print({
        error: toErrorPayload(
          new DeskError('VALIDATION', { params: { detail: `JSON: ${(error as Error).message}` } })
        )
      })
      return 2
    }
  }
  const envelope = await dispatch(createHandlers(core), name, payload, {
    onInternalError: (_call, error) =>
      process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`)
  })
  if (envelope.ok) {
    print(envelope.result)
    return 0
  }
  print({ error: envelope.error })
  return envelope.error.code === 'INTERNAL' ? 1 : 2
}

function printImportReport(report: ImportReport): void {
  const out = process.stdout
  out.write(
    `共 ${report.rows} 行：新增 ${report.added}，重复跳过 ${report.skipped.length}，拒绝 ${report.refused.length}\n`
  )
  for (const s of report.skipped) {
    out.write(
      `  第 ${s.line} 行 重复：税号 ${s.taxId} 已属于「${s.existingName}」(#${s.existingId})\n`
    )
  }
  for (const r of report.refused) {
    out.write(
      `  第 ${r.line} 行 拒绝（${r.name || '无名称'}）：${r.issues.map((i) => `${i.field ?? ''} ${i.message}`).join('；')}\n`
    )
  }
  if (report.ignoredColumns.length) out.write(`  忽略的列：${report.ignoredColumns.join('、')}\n`)
}

async function runImport(core: Core, file: string | undefined, json: boolean): Promise<number> {
  if (!file) throw new UsageError('customers import needs a FILE.csv')
  assertReadableFile(file, 'file')
  await core.backups.backupBeforeImport()
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  const report = await importCustomersCsv(stream, {
    db: core.deps.db,
    customers: core.customers,
    audit: core.audit,
    now: core.now,
    actor: core.actor,
    onProgress: process.stderr.isTTY
      ? (rows) => process.stderr.write(`\r已处理 ${rows} 行…`)
      : undefined
  })
  if (process.stderr.isTTY) process.stderr.write('\r')
  if (json) print(report)
  else printImportReport(report)
  return 0
}

export async function main(argv: string[]): Promise<number> {
  let core: Core | null = null
  try {
    const args = parseArgs(argv)
    const [command, ...params] = args.rest
    if (command === 'calls') {
      print(CALL_NAMES)
      return 0
    }
    if (
      command !== 'call' &&
      command !== 'doctor' &&
      command !== 'backup' &&
      command !== 'restore' &&
      !(command === 'customers' && params[0] === 'import')
    ) {
      throw new UsageError(command ? `unknown command: ${command}` : '')
    }
    if (command === 'restore') {
      print(await runRestore(args.db, params, () => openNodeCore(args.db)))
      return 0
    }
    assertDatabaseArg(args.db)
    cleanLeftovers(args.db)
    core = openNodeCore(args.db)
    if (command === 'backup') {
      print(await runBackup(core, params))
      return 0
    }
    if (command === 'call') return await runCall(core, params[0], params[1], passphraseFrom(args))
    if (command === 'doctor') {
      const report = runDoctor(core.deps.db, args.db)
      if (args.json) print(report)
      else {
        process.stdout.write(
          `数据库 ${report.dbPath}\n架构版本 ${report.schemaVersion}（程序支持 ${report.latestSchemaVersion}）\n完整性 ${report.integrity}\n客户 ${report.counts.customers}（已归档 ${report.counts.archivedCustomers}），审计记录 ${report.counts.auditLog}\n`
        )
      }
      return report.integrity === 'ok' ? 0 : 1
    }
    return await runImport(core, params[1], args.json)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message ? error.message + '\n' : ''}${USAGE}\n`)
      return 2
    }
    if (error instanceof DeskError) {
      print({ error: toErrorPayload(error) })
      return 2
    }
    const dbRefusal = deskErrorFromDb(error) // busy, or a file that is not a usable database
    if (dbRefusal) {
      print({ error: toErrorPayload(dbRefusal) })
      return 2
    }
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`)
    return 1
  } finally {
    core?.deps.db.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exitCode = 1
  }
)
