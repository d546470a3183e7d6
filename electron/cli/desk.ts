/**
 * desk: the headless command line over the same contract and handlers as the app.
 *
 *   desk [--db PATH] call <name> '<json>'     run one contract call, print its JSON result
 *     passphrases never go in <json>: see passphrase-input.ts (env, files, prompt without echo)
 *   desk [--db PATH] doctor [--json]          schema version, integrity check, counts
 *   desk [--db PATH] customers import FILE.csv|FILE.xlsx [--sheet NAME] [--json]
 *   desk [--db PATH] batch                    one call per stdin line → one JSON line each
 *   desk calls                                list the contract's calls
 *
 * Exit status: 0 done, 2 refused (the error JSON says why), 1 anything unexpected.
 */
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { CALL_NAMES } from '../core/contract/call-names'
import { dispatch, toErrorPayload } from '../core/contract/dispatch'
import { createHandlers } from '../core/handlers'
import { DeskError } from '../core/errors/desk-error'
import type { ImportReport } from '../core/import/customer-import'
import { issueMessage } from '../core/errors/messages'
import { CUSTOMER_FIELD_BY_KEY, type CustomerFieldKey } from '../core/customers/customer-fields'
import { openNodeCore } from '../core/node-core'
import { DB_FILE_NAME, defaultDataDir, ensurePrivateDir } from '../core/paths'
import { runDoctor } from '../core/db/doctor'
import type { Core } from '../core/core'
import {
  argumentCarriesPassphrase,
  givenPassphrase,
  passphraseInArgumentsError,
  passphraseNeeds,
  promptHidden,
  resolvePassphrase,
  type PassphraseSources
} from './passphrase-input'
import { deskErrorFromDb } from '../core/db/db-errors'
import {
  assertDatabaseArg,
  assertReadableFile,
  cleanLeftovers,
  runBackup,
  runRestore
} from './backup-commands'

const USAGE = `用法 / usage:
  desk [--db PATH] [--passphrase-file FILE] call <name> '<json>' [--new-passphrase-file FILE]
    口令不写在 <json> 里 / no passphrase in <json>: DESK_PASSPHRASE, DESK_NEW_PASSPHRASE,
    --passphrase-file, --new-passphrase-file, or a prompt without echo
  desk [--db PATH] doctor [--json]
  desk [--db PATH] customers import FILE.csv|FILE.xlsx [--sheet NAME] [--json]
      CSV in UTF-8 (with or without BOM) or GBK/GB18030; .xlsx: first sheet unless --sheet
  desk [--db PATH] [--passphrase-file FILE] batch
      reads {"call": NAME, "payload": {…}} per line from stdin, writes one JSON line per call
  desk [--db PATH] [--passphrase-file FILE] call bundle.export|bundle.preview|bundle.import '<json>'
      交接包口令 / bundle passphrase: DESK_BUNDLE_PASSPHRASE or --bundle-passphrase-file FILE
  desk [--db PATH] backup [--sealed]      (sealed: DESK_BACKUP_PASSPHRASE or --backup-passphrase-file)
  desk [--db PATH] restore FILE
  desk calls
默认数据库 / default database: ${join(defaultDataDir(process.platform, process.env, homedir()), DB_FILE_NAME)}`

class UsageError extends Error {}

interface Args {
  db: string
  json: boolean
  passphraseFile: string | null
  newPassphraseFile: string | null
  bundlePassphraseFile: string | null
  sheet: string | null
  rest: string[]
}

function parseArgs(argv: string[]): Args {
  const rest: string[] = []
  let db = join(defaultDataDir(process.platform, process.env, homedir()), DB_FILE_NAME)
  let json = false
  let passphraseFile: string | null = null
  let newPassphraseFile: string | null = null
  let bundlePassphraseFile: string | null = null
  let sheet: string | null = null
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
    } else if (a === '--new-passphrase-file') {
      const value = argv[++i]
      if (!value) throw new UsageError('--new-passphrase-file needs a path')
      newPassphraseFile = value
    } else if (a === '--bundle-passphrase-file') {
      const value = argv[++i]
      if (!value) throw new UsageError('--bundle-passphrase-file needs a path')
      bundlePassphraseFile = value
    } else if (a === '--sheet') {
      const value = argv[++i]
      if (!value) throw new UsageError('--sheet needs a sheet name')
      sheet = value
    } else if (a === '-h' || a === '--help') throw new UsageError('')
    else rest.push(a)
  }
  return { db, json, passphraseFile, newPassphraseFile, bundlePassphraseFile, sheet, rest }
}

/**
 * A `path` typed on the command line means a file relative to where the user is; the core
 * takes absolute paths only (contract.ts), so it is resolved here, against this process's
 * working folder, before dispatch.
 */
function withAbsolutePath(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload
  const { path } = payload as { path?: unknown }
  if (typeof path !== 'string' || path === '') return payload
  return { ...payload, path: resolve(path) }
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

function passphraseSources(args: Args): PassphraseSources {
  // a named file that cannot be read is a mistake to report now, whether or not it is needed
  if (args.passphraseFile) assertReadableFile(args.passphraseFile, 'passphrase-file')
  if (args.newPassphraseFile) assertReadableFile(args.newPassphraseFile, 'new-passphrase-file')
  if (args.bundlePassphraseFile) {
    assertReadableFile(args.bundlePassphraseFile, 'bundle-passphrase-file')
  }
  return {
    passphraseFile: args.passphraseFile,
    newPassphraseFile: args.newPassphraseFile,
    bundlePassphraseFile: args.bundlePassphraseFile,
    env: process.env,
    prompt: promptHidden
  }
}

async function runCall(
  core: Core,
  name: string | undefined,
  json: string | undefined,
  sources: PassphraseSources
): Promise<number> {
  if (!name) throw new UsageError('call needs a name')
  let payload: unknown = {}
  let parseError: Error | null = null
  if (json !== undefined && json.trim() !== '') {
    try {
      payload = JSON.parse(json)
    } catch (error) {
      parseError = error as Error
    }
  }
  // Checked before anything else, so a passphrase typed into the arguments is never used.
  if (argumentCarriesPassphrase(json, parseError ? null : payload)) {
    print({ error: toErrorPayload(passphraseInArgumentsError()) })
    return 2
  }
  if (parseError) {
    print({
      error: toErrorPayload(
        new DeskError('VALIDATION', { params: { detail: `JSON: ${parseError.message}` } })
      )
    })
    return 2
  }
  const needs = Object.entries(passphraseNeeds(name))
  if (needs.length > 0 && payload !== null && typeof payload === 'object') {
    const filled: Record<string, unknown> = { ...payload }
    for (const [field, kind] of needs) {
      if (!kind) continue
      const value = await resolvePassphrase(kind, sources).catch(() => '')
      if (value === '') throw new UsageError(`${name} needs a passphrase`)
      filled[field] = value
    }
    payload = filled
  }
  // A bundle call with secrets needs the vault open too; its passphrase is the vault's own.
  if (!name.startsWith('vault.') && core.vault.status().state === 'locked') {
    const passphrase = givenPassphrase(sources)
    if (passphrase) await core.vault.unlock(passphrase)
  }
  const envelope = await dispatch(createHandlers(core), name, withAbsolutePath(payload), {
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

function fieldLabel(field: string | undefined): string {
  return field && field in CUSTOMER_FIELD_BY_KEY
    ? (CUSTOMER_FIELD_BY_KEY[field as CustomerFieldKey].csvHeaders[0] ?? field)
    : (field ?? '')
}

function printImportReport(report: ImportReport): void {
  const out = process.stdout
  const { counts } = report
  out.write(
    `共 ${counts.rows} 行：新增 ${counts.added}，重复跳过 ${counts.skipped}，拒绝 ${counts.refused}\n`
  )
  for (const s of report.skipped) {
    out.write(
      `  第 ${s.line} 行 重复：税号 ${s.taxId} 已属于「${s.existingName}」(#${s.existingId})\n`
    )
  }
  for (const r of report.refused) {
    const issues = r.issues.map(
      (i) => `${fieldLabel(i.field)} ${issueMessage('errors', i.code, i.params)}`
    )
    out.write(`  第 ${r.line} 行 拒绝（${r.name || '无名称'}）：${issues.join('；')}\n`)
  }
  const more = counts.skipped + counts.refused - report.skipped.length - report.refused.length
  if (more > 0) out.write(`  另有 ${more} 行未逐条列出\n`)
  if (report.ignoredColumns.length) out.write(`  忽略的列：${report.ignoredColumns.join('、')}\n`)
}

async function runImport(
  core: Core,
  file: string | undefined,
  sheet: string | null,
  json: boolean
): Promise<number> {
  if (!file) throw new UsageError('customers import needs a FILE.csv or FILE.xlsx')
  assertReadableFile(file, 'file')
  await core.backups.backupBeforeImport()
  const report = await core.imports.runImport(file, {
    sheet: sheet ?? undefined,
    onProgress: process.stderr.isTTY
      ? ({ rows }) => process.stderr.write(`\r已处理 ${rows} 行…`)
      : undefined
  })
  if (process.stderr.isTTY) process.stderr.write('\r')
  if (json) print(report)
  else printImportReport(report)
  // The search index catches up with the new customers before the database closes.
  await core.customers.catchUpSearchIndex()
  return 0
}

/**
 * One call per line of stdin ({"call": NAME, "payload": {…}}), one line out per call with
 * the call's own time through the dispatch, in one process with one open database.
 */
async function runBatch(core: Core, passphrase: string | null): Promise<number> {
  const handlers = createHandlers(core)
  let worst = 0
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === '') continue
    let request: { call?: unknown; payload?: unknown }
    try {
      request = JSON.parse(line) as { call?: unknown; payload?: unknown }
    } catch (error) {
      const refusal = new DeskError('VALIDATION', {
        params: { detail: `JSON: ${(error as Error).message}` }
      })
      process.stdout.write(
        JSON.stringify({ ok: false, error: toErrorPayload(refusal), ms: 0 }) + '\n'
      )
      worst = Math.max(worst, 2)
      continue
    }
    const name = typeof request.call === 'string' ? request.call : ''
    if (passphrase && !name.startsWith('vault.') && core.vault.status().state === 'locked') {
      await core.vault.unlock(passphrase)
    }
    const t0 = performance.now()
    const envelope = await dispatch(handlers, name, withAbsolutePath(request.payload ?? {}), {
      onInternalError: (_call, error) =>
        process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`)
    })
    const ms = Math.round((performance.now() - t0) * 1000) / 1000
    process.stdout.write(JSON.stringify({ ...envelope, ms }) + '\n')
    if (!envelope.ok) worst = Math.max(worst, envelope.error.code === 'INTERNAL' ? 1 : 2)
  }
  return worst === 1 ? 1 : worst
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
      command !== 'batch' &&
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
    // The app's own data folder is owner-only, also when the CLI is the first to create it.
    const dataDir = defaultDataDir(process.platform, process.env, homedir())
    if (dirname(args.db) === dataDir) ensurePrivateDir(dataDir)
    core = openNodeCore(args.db)
    if (command === 'backup') {
      print(await runBackup(core, params))
      return 0
    }
    if (command === 'call')
      return await runCall(core, params[0], params[1], passphraseSources(args))
    if (command === 'batch') return await runBatch(core, givenPassphrase(passphraseSources(args)))
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
    return await runImport(core, params[1], args.sheet, args.json)
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
