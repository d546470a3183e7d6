/**
 * The CLI as an attacker on the same machine sees it: passphrases never appear in a command
 * line (what `ps` and /proc/<pid>/cmdline show every user), and files are owner-only.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { applyKeystrokes, argumentCarriesPassphrase } from '../../electron/cli/passphrase-input'

const DESK = resolve(__dirname, '../../out/cli/desk.cjs')
const PASS = 'Yellow river 黄河 far above the clouds 7'
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-pass-'))
  dirs.push(d)
  return d
}
function desk(args: string[], env: NodeJS.ProcessEnv = {}, input?: string) {
  const r = spawnSync(process.execPath, [DESK, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DESK_PASSPHRASE: '', DESK_NEW_PASSPHRASE: '', ...env },
    input
  })
  let json: unknown
  try {
    json = JSON.parse(r.stdout)
  } catch {
    json = null
  }
  return { status: r.status, json, stderr: r.stderr }
}

/** Every command line on the machine while `child` runs, read the way `ps` reads them. */
async function commandLinesWhileRunning(
  child: ReturnType<typeof spawn>,
  until: Promise<unknown>
): Promise<string[]> {
  const seen: string[] = []
  let done = false
  void until.finally(() => (done = true))
  while (!done) {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        seen.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))
      } catch {
        // the process ended meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  expect(seen.some((line) => line.includes(`${child.pid}`) || line.includes('desk.cjs'))).toBe(true)
  return seen
}

describe('passphrases on the command line', () => {
  it('refuses a passphrase inside the JSON argument with PASSPHRASE_IN_ARGUMENTS (exit 2), before using it', () => {
    const db = join(tempDir(), 'd.sqlite')
    for (const [call, json] of [
      ['vault.setup', `{"passphrase":"${PASS}"}`],
      ['vault.unlock', `{"passphrase":"${PASS}"}`],
      ['vault.changePassphrase', `{"oldPassphrase":"a","newPassphrase":"b"}`],
      ['vault.unlock', `{"Passphrase":"${PASS}"}`],
      ['vault.unlock', `{passphrase: broken json`]
    ] as const) {
      const r = desk(['--db', db, 'call', call, json])
      expect(r.status, json).toBe(2)
      expect(r.json, json).toMatchObject({ error: { code: 'PASSPHRASE_IN_ARGUMENTS' } })
    }
    // nothing was set up with it
    expect(desk(['--db', db, 'call', 'vault.status', '{}']).json).toMatchObject({
      state: 'not_set_up'
    })
  }, 60_000)

  it('sets up from DESK_NEW_PASSPHRASE, unlocks from --passphrase-file or piped stdin, changes from both', () => {
    const dir = tempDir()
    const db = join(dir, 'd.sqlite')
    desk(['--db', db, 'call', 'customers.create', '{"name":"甲","taxId":"91440300MA5G3K7P0R"}'])
    expect(
      desk(['--db', db, 'call', 'vault.setup', '{}'], { DESK_NEW_PASSPHRASE: PASS }).json
    ).toMatchObject({ state: 'unlocked' })
    const file = join(dir, 'pass.txt')
    writeFileSync(file, PASS + '\n', { mode: 0o600 })
    expect(
      desk(['--db', db, '--passphrase-file', file, 'call', 'vault.unlock', '{}']).json
    ).toMatchObject({ state: 'unlocked' })
    // no terminal: the "prompt" reads one line from the pipe
    expect(desk(['--db', db, 'call', 'vault.unlock'], {}, PASS + '\n').json).toMatchObject({
      state: 'unlocked'
    })
    const next = PASS + ' and a lonely town'
    const changed = desk(['--db', db, 'call', 'vault.changePassphrase', '{}'], {
      DESK_PASSPHRASE: PASS,
      DESK_NEW_PASSPHRASE: next
    })
    expect(changed.status, JSON.stringify(changed.json)).toBe(0)
    expect(
      desk(['--db', db, 'call', 'vault.unlock', '{}'], { DESK_PASSPHRASE: next }).json
    ).toMatchObject({ state: 'unlocked' })
    // nothing given and nothing piped: refused with the usage text, not a hang
    const none = desk(['--db', db, 'call', 'vault.unlock', '{}'], {}, '')
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('DESK_PASSPHRASE')
  }, 180_000)

  it('never shows the passphrase in any process command line while the CLI runs', async () => {
    const dir = tempDir()
    const db = join(dir, 'd.sqlite')
    const file = join(dir, 'pass.txt')
    writeFileSync(file, PASS, { mode: 0o600 })
    const runs: [string[], NodeJS.ProcessEnv][] = [
      [['--db', db, 'call', 'vault.setup', '{}'], { DESK_NEW_PASSPHRASE: PASS }],
      [['--db', db, '--passphrase-file', file, 'call', 'vault.unlock', '{}'], {}],
      [['--db', db, 'call', 'credentials.list', '{"customerId":1}'], { DESK_PASSPHRASE: PASS }]
    ]
    for (const [args, env] of runs) {
      const child = spawn(process.execPath, [DESK, ...args], {
        env: { ...process.env, ...env },
        stdio: 'ignore'
      })
      const exited = new Promise((r) => child.once('exit', r))
      const lines = await commandLinesWhileRunning(child, exited)
      expect(lines.filter((l) => l.includes(PASS))).toEqual([])
      expect(lines.filter((l) => l.includes('黄河'))).toEqual([])
    }
  }, 180_000)
})

describe('the hidden prompt', () => {
  it('ends at Enter, deletes with Backspace, cancels on Ctrl-C, ignores other control keys', () => {
    expect(applyKeystrokes('', 'abc\r')).toEqual({ typed: 'abc', done: true, cancelled: false })
    expect(applyKeystrokes('ab', 'c\u007fd\u001b')).toEqual({
      typed: 'abd',
      done: false,
      cancelled: false
    })
    expect(applyKeystrokes('黄河', '\u007f\n').typed).toBe('黄')
    expect(applyKeystrokes('abc', '\u0003')).toEqual({ typed: '', done: true, cancelled: true })
    expect(applyKeystrokes('', '\u0004').cancelled).toBe(true)
  })

  it('spots passphrase fields in parsed and unparsable arguments', () => {
    expect(argumentCarriesPassphrase('{"newPassphrase":"x"}', { newPassphrase: 'x' })).toBe(true)
    expect(argumentCarriesPassphrase('{"customerId":1}', { customerId: 1 })).toBe(false)
    expect(argumentCarriesPassphrase('{"passphrase" "x"', null)).toBe(true)
    expect(argumentCarriesPassphrase(undefined, {})).toBe(false)
  })
})

describe('file modes (POSIX)', () => {
  const posix = process.platform !== 'win32'

  function mode(path: string): string {
    return (statSync(path).mode & 0o777).toString(8)
  }

  it.runIf(posix)(
    'creates the data folder 0700 and database, WAL, SHM and settings 0600, even with umask 000',
    () => {
      const root = tempDir()
      const data = join(root, 'fresh', 'delivery-desk')
      const cmd = `umask 000; exec "${process.execPath}" "${DESK}" call settings.update '{"autoLockMinutes":7}'`
      const r = spawnSync('/bin/sh', ['-c', cmd], {
        encoding: 'utf8',
        env: { ...process.env, DESK_DATA_DIR: data }
      })
      expect(r.status, r.stderr).toBe(0)
      expect(mode(data)).toBe('700')
      const files = readdirSync(data)
      expect(files).toContain('delivery-desk.sqlite')
      expect(files).toContain('settings.json')
      for (const f of files) expect(`${f} ${mode(join(data, f))}`).toBe(`${f} 600`)
    }
  )

  it.runIf(posix)('takes other users’ access off a data folder and database made before', () => {
    const data = join(tempDir(), 'delivery-desk')
    mkdirSync(data, { mode: 0o755 })
    chmodSync(data, 0o755)
    const r1 = desk(['call', 'app.info', '{}'], { DESK_DATA_DIR: data })
    expect(r1.status, r1.stderr).toBe(0)
    for (const f of readdirSync(data)) chmodSync(join(data, f), 0o644)
    chmodSync(data, 0o755)
    const r2 = desk(['call', 'app.info', '{}'], { DESK_DATA_DIR: data })
    expect(r2.status, r2.stderr).toBe(0)
    expect(mode(data)).toBe('700')
    for (const f of [
      'delivery-desk.sqlite',
      'delivery-desk.sqlite-wal',
      'delivery-desk.sqlite-shm'
    ])
      if (existsSync(join(data, f))) expect(`${f} ${mode(join(data, f))}`).toBe(`${f} 600`)
  })
})
