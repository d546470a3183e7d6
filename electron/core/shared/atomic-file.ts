/**
 * Every file the app writes outside its database goes through here: the bytes go to a
 * temporary name in the target's own folder (`.<name>.<pid>.<random>.tmp`), are synced, and
 * only then renamed onto the final name, and the folder is synced so the rename survives a
 * power cut. A crash leaves either the old file, the new file, or a recognisable temp file
 * that `cleanStaleTempFiles` removes at the next start; never a partial file under the
 * final name. Same folder, because a rename across file systems is a copy.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs'
import { link, open, rename, rm, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/

/** A fresh temporary name beside `target`, recognisable by `cleanStaleTempFiles`. */
export function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  )
}

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

/** Syncs a finished file's bytes to disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export interface CommitOptions {
  /** replace an existing file at the target (default); false refuses with EEXIST */
  overwrite?: boolean
}

/**
 * Moves a finished, synced temp file onto its final name. Without `overwrite` the move is a
 * hard link (which fails when the target exists, atomically), falling back to a checked
 * rename on file systems without hard links (FAT/exFAT USB disks).
 */
export async function commitTempFile(
  temp: string,
  target: string,
  options: CommitOptions = {}
): Promise<void> {
  if (options.overwrite === false) {
    try {
      await link(temp, target)
      await unlink(temp)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') {
        await rm(temp, { force: true })
        throw error
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV')
        throw error
      try {
        statSync(target)
        await rm(temp, { force: true })
        throw Object.assign(new Error(`file exists: ${target}`), { code: 'EEXIST' })
      } catch (statError) {
        if ((statError as NodeJS.ErrnoException).code !== 'ENOENT') throw statError
      }
      await rename(temp, target)
    }
  } else {
    await rename(temp, target)
  }
  fsyncDir(dirname(target))
}

export interface AtomicWriteOptions extends CommitOptions {
  /** file mode for the new file (before umask); the caller decides, e.g. 0o600 */
  mode?: number
}

/**
 * Writes a file through a callback that gets the open temp file, then syncs and commits it.
 * On any failure the temp file is removed and the target is left as it was.
 */
export async function writeFileAtomic(
  target: string,
  write: (file: FileHandle) => Promise<void>,
  options: AtomicWriteOptions = {}
): Promise<void> {
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
  try {
    await commitTempFile(temp, target, options)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** `writeFileAtomic` for bytes or text already in memory. */
export function writeBytesAtomic(
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {}
): Promise<void> {
  return writeFileAtomic(target, (file) => file.writeFile(data).then(() => undefined), options)
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

/**
 * Removes temp files a crashed writer left in `dir`: those whose process is gone, and any
 * older than `maxAgeMs` (a process id may have been reused). A live writer's file stays.
 * Returns the names removed. A missing folder has nothing to clean.
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
    const match = TEMP_NAME.exec(name)
    if (!match) continue
    const path = join(dir, name)
    try {
      const stat = statSync(path)
      if (!stat.isFile()) continue
      const stale = !processAlive(Number(match[1])) || Date.now() - stat.mtimeMs > maxAgeMs
      if (!stale) continue
      unlinkSync(path)
      removed.push(name)
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return removed
}
