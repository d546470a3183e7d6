/**
 * The one way the app writes a file outside its database (exports, evidence copies, backups,
 * sealed copies, restores, settings): the bytes go to a temporary name in the target's own
 * folder, are synced, and only then renamed (or hard-linked, when nothing may be replaced)
 * onto the final name, and the folder is synced so the rename survives a power cut. A crash
 * leaves the old file, the new file, or a temp file `cleanStaleTempFiles` recognises and removes
 * at the next start; never a partial file under the final name. Same folder, because a rename
 * across file systems is a copy.
 *
 * Temp names are `.desk-tmp-<pid>-<16 hex>.tmp`: short whatever the final name's length (a
 * long Chinese name plus a suffix could pass the 255-byte name limit), and carrying the writer's
 * process id so a live writer's file is never taken for a leftover.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { link, lstat, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DeskError } from '../errors/desk-error'

const TEMP_NAME = /^\.desk-tmp-(\d+)-[0-9a-f]{16}\.tmp(-journal|-wal|-shm)?$/

/**
 * electron-store's writer (the `atomically` package) names its temp file
 * `<file>.tmp-<10 digits><6 hex>`, without a process id; only the app (one instance) writes
 * the settings with it, so at start such a file is a crash's leftover once it is a minute old.
 */
const LIBRARY_TEMP_NAME = /^settings\.json\.tmp-\d{10}[0-9a-f]{6}$/
const LIBRARY_TEMP_MAX_AGE_MS = 60_000

/** A fresh temporary name beside `target`, recognisable by `cleanStaleTempFiles`. */
export function tempPathFor(target: string, pid: number = process.pid): string {
  return join(dirname(target), `.desk-tmp-${pid}-${randomBytes(8).toString('hex')}.tmp`)
}

/**
 * Whether a file name is one of the app's temp files, or a SQLite side file of one (a backup
 * being checked has a `-journal` while it is open).
 */
export function isTempFileName(name: string): boolean {
  return TEMP_NAME.test(name)
}

/**
 * Makes a rename in `dir` durable. Windows cannot open a folder for syncing, and NTFS
 * journals the rename itself, so this is POSIX only.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** `fsyncDir` after a commit: the file is in place; a folder that cannot be synced (some
 * network shares) only loses durability, which is no reason to report the write as failed. */
function syncFolderAfterCommit(dir: string): void {
  try {
    fsyncDir(dir)
  } catch {
    // see above
  }
}

/** Syncs a finished file's bytes to disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** The two steps that put a finished temp file under its final name; tests inject failures. */
export interface CommitSteps {
  /** replaces whatever is at `to` */
  rename: (from: string, to: string) => Promise<void>
  /** fails with EEXIST when `to` exists, so nothing is replaced */
  link: (from: string, to: string) => Promise<void>
}

const NODE_STEPS: CommitSteps = { rename, link }

export interface CommitOptions {
  /** replace an existing file at the target (default); false refuses with EEXIST */
  overwrite?: boolean
  /** the commit's file-system steps; tests replace them to die where a crash would */
  steps?: CommitSteps
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'EIO'
}

/** Hard links are missing on FAT/exFAT sticks and some network shares. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EINVAL'])

function fileExists(target: string): Error {
  return Object.assign(new Error(`file exists: ${target}`), { code: 'EEXIST' })
}

async function refuseExisting(target: string): Promise<void> {
  const exists = await lstat(target).then(
    () => true,
    () => false
  )
  if (exists) throw fileExists(target)
}

/**
 * Moves a finished, synced temp file onto its final name. Without `overwrite` the move is a
 * hard link (which fails when the target exists, atomically), falling back to a checked
 * rename on file systems without hard links. The temp name is gone afterwards, whatever
 * happened.
 */
export async function commitTempFile(
  temp: string,
  target: string,
  options: CommitOptions = {}
): Promise<void> {
  const steps = options.steps ?? NODE_STEPS
  try {
    if (options.overwrite === false) {
      try {
        await steps.link(temp, target)
      } catch (error) {
        if (!NO_HARD_LINKS.has(errnoCode(error))) throw error
        // without hard links: check, then rename; a file created in between could be replaced
        await refuseExisting(target)
        await steps.rename(temp, target)
      }
    } else {
      await steps.rename(temp, target)
    }
  } finally {
    // after a rename there is nothing left; after a link or a failure the temp name goes
    await rm(temp, { force: true })
  }
  syncFolderAfterCommit(dirname(target))
}

export interface AtomicWriteOptions extends CommitOptions {
  /** file mode for the new file (before umask); the caller decides, e.g. 0o600 */
  mode?: number
}

/**
 * Writes a file through a callback that gets the open temp file, then syncs and commits it.
 * Without `overwrite` an existing target is refused (EEXIST) before anything is written. On
 * any failure the temp file is removed and the target is left as it was. Errors are Node's.
 */
export async function writeFileAtomic(
  target: string,
  write: (file: FileHandle) => Promise<void>,
  options: AtomicWriteOptions = {}
): Promise<void> {
  if (options.overwrite === false) await refuseExisting(target)
  const temp = tempPathFor(target)
  const file = await open(temp, 'wx', options.mode ?? 0o666)
  try {
    await write(file)
    await file.sync()
    await file.close()
  } catch (error) {
    await file.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw error
  }
  await commitTempFile(temp, target, options)
}

/** `writeFileAtomic` for bytes or text already in memory. */
export function writeBytesAtomic(
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {}
): Promise<void> {
  return writeFileAtomic(target, (file) => file.writeFile(data).then(() => undefined), options)
}

/**
 * The same, synchronously, for the few writers that cannot wait (the settings store's
 * `update` is synchronous). Always replaces the target.
 */
export function writeBytesAtomicSync(
  target: string,
  data: Uint8Array | string,
  options: { mode?: number } = {}
): void {
  const temp = tempPathFor(target)
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o666)
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
      let written = 0
      while (written < bytes.length) written += writeSync(fd, bytes, written)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, target)
  } finally {
    rmSync(temp, { force: true })
  }
  syncFolderAfterCommit(dirname(target))
}

/**
 * A file the user asked for (an exported form or report, a copy of an attachment), written
 * atomically, with the failure as a typed refusal on the `path` field: FILE_EXISTS when the
 * target exists and may not be replaced, FILE_WRITE_FAILED with the errno code otherwise.
 */
export async function writeExportFile(
  path: string,
  bytes: Uint8Array,
  options: { overwrite: boolean },
  steps?: CommitSteps
): Promise<void> {
  try {
    await writeBytesAtomic(path, bytes, { overwrite: options.overwrite, steps })
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EEXIST') throw new DeskError('FILE_EXISTS', { field: 'path', params: { path } })
    throw new DeskError('FILE_WRITE_FAILED', { field: 'path', params: { path, reason: code } })
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether a temp file found at start was left by a crash (and so may go). */
function isLeftover(name: string, mtimeMs: number, maxAgeMs: number): boolean {
  const age = Date.now() - mtimeMs
  const ours = TEMP_NAME.exec(name)
  if (ours) return !processAlive(Number(ours[1])) || age > maxAgeMs
  if (LIBRARY_TEMP_NAME.test(name)) return age > Math.min(maxAgeMs, LIBRARY_TEMP_MAX_AGE_MS)
  return false
}

/**
 * Removes temp files a crashed writer left in `dir`: those whose process is gone, and any
 * older than `maxAgeMs` (a process id may have been reused). A live writer's file stays, and
 * so does every file not named like a temp file. Returns the names removed. A missing folder
 * has nothing to clean.
 */
export function cleanStaleTempFiles(dir: string, maxAgeMs = 24 * 3600_000): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    if (!TEMP_NAME.test(name) && !LIBRARY_TEMP_NAME.test(name)) continue
    const path = join(dir, name)
    try {
      const stat = lstatSync(path)
      if (!stat.isFile() || !isLeftover(name, stat.mtimeMs, maxAgeMs)) continue
      unlinkSync(path)
      removed.push(name)
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return removed
}
