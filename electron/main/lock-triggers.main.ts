/**
 * The screen locking on Linux (vault-locking.main.ts wires it with the other triggers).
 * Electron's `lock-screen` event exists on macOS and Windows only, so on Linux the session's
 * D-Bus signals are watched with `dbus-monitor` (a child process;
 * Electron has no D-Bus API): the freedesktop/GNOME/Cinnamon/MATE ScreenSaver `ActiveChanged`
 * signal on the session bus, and logind's `Session.Lock` for this session on the system bus.
 * Without dbus-monitor the idle lock still applies.
 */
import { spawn, type ChildProcess } from 'node:child_process'

const SCREENSAVER_INTERFACES = [
  'org.freedesktop.ScreenSaver',
  'org.gnome.ScreenSaver',
  'org.cinnamon.ScreenSaver',
  'org.mate.ScreenSaver'
]

/** logind's object path for a session id (sd_bus_path_encode: "2" → "_32"). */
export function logindSessionPath(sessionId: string): string {
  let out = ''
  for (let i = 0; i < sessionId.length; i++) {
    const c = sessionId[i] as string
    const keep = /[A-Za-z0-9]/.test(c) && !(i === 0 && /[0-9]/.test(c))
    out += keep ? c : '_' + c.charCodeAt(0).toString(16).padStart(2, '0')
  }
  return `/org/freedesktop/login1/session/${out}`
}

/** The dbus-monitor invocations that report a screen lock for this user's session. */
export function dbusMonitorCommands(env: NodeJS.ProcessEnv): { command: string; args: string[] }[] {
  const session = SCREENSAVER_INTERFACES.map(
    (i) => `type='signal',interface='${i}',member='ActiveChanged'`
  )
  const pathRule = env.XDG_SESSION_ID ? `,path='${logindSessionPath(env.XDG_SESSION_ID)}'` : ''
  return [
    { command: 'dbus-monitor', args: ['--session', ...session] },
    {
      command: 'dbus-monitor',
      args: [
        '--system',
        `type='signal',interface='org.freedesktop.login1.Session',member='Lock'${pathRule}`
      ]
    }
  ]
}

/**
 * Reads dbus-monitor's text output (chunks may split lines) and calls onLock for a
 * ScreenSaver ActiveChanged(true) or a logind Lock signal.
 */
export function createDbusLockParser(onLock: () => void): (chunk: string) => void {
  let buffer = ''
  let awaitingActive = false
  return (chunk) => {
    buffer += chunk
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const raw of lines) {
      const line = raw.trim()
      if (line === '') continue
      if (line.startsWith('signal ')) {
        const member = /member=([\w.]+)/.exec(line)?.[1]
        const iface = /interface=([\w.]+)/.exec(line)?.[1] ?? ''
        awaitingActive = member === 'ActiveChanged' && SCREENSAVER_INTERFACES.includes(iface)
        if (member === 'Lock' && iface === 'org.freedesktop.login1.Session') onLock()
        continue
      }
      if (awaitingActive) {
        awaitingActive = false
        if (line === 'boolean true') onLock()
      }
    }
  }
}

export interface ScreenLockWatch {
  stop(): void
}

/**
 * Starts the Linux watchers. `spawnFn` is injectable so a test can run a stand-in
 * dbus-monitor; a missing binary is reported through `onUnavailable` once per watcher.
 */
export function watchLinuxScreenLock(options: {
  onLock: () => void
  onUnavailable?: (reason: string) => void
  env?: NodeJS.ProcessEnv
  spawnFn?: typeof spawn
}): ScreenLockWatch {
  const spawnFn = options.spawnFn ?? spawn
  const children: ChildProcess[] = []
  for (const { command, args } of dbusMonitorCommands(options.env ?? process.env)) {
    const child = spawnFn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: options.env })
    const parse = createDbusLockParser(options.onLock)
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => parse(chunk))
    child.once('error', (error) => options.onUnavailable?.(`${command}: ${error.message}`))
    children.push(child)
  }
  return {
    stop() {
      for (const child of children) if (child.exitCode === null && !child.killed) child.kill()
    }
  }
}
