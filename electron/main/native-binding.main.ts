/**
 * Which better-sqlite3 binary the main process loads. `node_modules` keeps the Node-ABI build
 * for tests and the CLI; the dev start step (scripts/ensure-electron.mjs) puts an Electron-ABI
 * build under `.native/`, and a packaged app carries one rebuilt by the packager.
 */
import { join } from 'node:path'

/** Must match `electronBindingPath` in scripts/ensure-electron.mjs (a test pins that). */
export function electronBindingPath(
  projectRoot: string,
  electronVersion: string,
  platform: string,
  arch: string
): string {
  return join(
    projectRoot,
    '.native',
    'better-sqlite3',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node'
  )
}

export type BindingChoice =
  { kind: 'default' } | { kind: 'file'; path: string } | { kind: 'missing'; path: string }

export function chooseNativeBinding(input: {
  isPackaged: boolean
  projectRoot: string
  electronVersion: string
  platform: string
  arch: string
  exists: (path: string) => boolean
}): BindingChoice {
  // The packager rebuilt node_modules/better-sqlite3 for Electron: use it as is.
  if (input.isPackaged) return { kind: 'default' }
  const path = electronBindingPath(
    input.projectRoot,
    input.electronVersion,
    input.platform,
    input.arch
  )
  return input.exists(path) ? { kind: 'file', path } : { kind: 'missing', path }
}
