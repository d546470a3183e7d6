import { afterEach, describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createDbusLockParser,
  dbusMonitorCommands,
  logindSessionPath,
  watchLinuxScreenLock
} from '../../electron/main/lock-triggers.main'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const ACTIVE = (iface: string, value: 'true' | 'false') =>
  `signal time=1764150000.1 sender=:1.40 -> destination=(null destination) serial=88 path=/org/freedesktop/ScreenSaver; interface=${iface}; member=ActiveChanged\n   boolean ${value}\n`
const LOGIND_LOCK =
  'signal time=1764150001.2 sender=:1.3 -> destination=(null destination) serial=901 path=/org/freedesktop/login1/session/_32; interface=org.freedesktop.login1.Session; member=Lock\n'

describe('Linux screen lock over D-Bus', () => {
  it('locks on ScreenSaver ActiveChanged(true) and logind Lock, not on unlock or other signals', () => {
    let locks = 0
    const parse = createDbusLockParser(() => locks++)
    parse(ACTIVE('org.freedesktop.ScreenSaver', 'false'))
    expect(locks).toBe(0)
    parse(ACTIVE('org.gnome.ScreenSaver', 'true'))
    expect(locks).toBe(1)
    parse(LOGIND_LOCK)
    expect(locks).toBe(2)
    parse(
      'signal time=1 sender=:1.9 -> destination=(null destination) serial=1 path=/x; interface=org.example.Other; member=ActiveChanged\n   boolean true\n'
    )
    expect(locks).toBe(2)
  })

  it('reads signals split across chunks', () => {
    let locks = 0
    const parse = createDbusLockParser(() => locks++)
    const text = ACTIVE('org.freedesktop.ScreenSaver', 'true')
    for (const ch of text) parse(ch)
    expect(locks).toBe(1)
  })

  it("watches only this session's logind object", () => {
    expect(logindSessionPath('2')).toBe('/org/freedesktop/login1/session/_32')
    expect(logindSessionPath('c1')).toBe('/org/freedesktop/login1/session/c1')
    const [session, system] = dbusMonitorCommands({ XDG_SESSION_ID: '2' })
    expect(session?.args[0]).toBe('--session')
    expect(session?.args.join(' ')).toContain("interface='org.freedesktop.ScreenSaver'")
    expect(system?.args.join(' ')).toContain("path='/org/freedesktop/login1/session/_32'")
  })

  it('locks when a running dbus-monitor reports the screen locking, and stops it after', async () => {
    // a stand-in dbus-monitor on PATH that prints what the real one prints, then waits
    const bin = mkdtempSync(join(tmpdir(), 'desk-dbus-'))
    dirs.push(bin)
    const script = join(bin, 'dbus-monitor')
    const out = join(bin, 'calls.txt')
    writeFileSync(
      script,
      `#!/bin/sh\necho "$@" >> "${out}"\ncase "$1" in --session) printf '%s' '${ACTIVE('org.freedesktop.ScreenSaver', 'true').replace(/\n/g, '\\n')}' | sed 's/\\\\n/\\n/g' ;; esac\nexec sleep 30\n`
    )
    chmodSync(script, 0o755)
    let locked = 0
    const watch = watchLinuxScreenLock({
      onLock: () => locked++,
      env: { PATH: `${bin}:/usr/bin:/bin` }
    })
    for (let i = 0; i < 100 && locked === 0; i++) await new Promise((r) => setTimeout(r, 20))
    watch.stop()
    expect(locked).toBe(1)
  })

  it('reports a missing dbus-monitor instead of failing', async () => {
    const reasons: string[] = []
    watchLinuxScreenLock({
      onLock: () => undefined,
      onUnavailable: (r) => reasons.push(r),
      env: { PATH: '/nonexistent' }
    })
    for (let i = 0; i < 100 && reasons.length < 2; i++) await new Promise((r) => setTimeout(r, 10))
    expect(reasons).toHaveLength(2)
    expect(reasons[0]).toMatch(/dbus-monitor/)
  })
})
