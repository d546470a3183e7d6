/**
 * The acceptance domain's files on disk: writing an exported .docx so that it is either whole
 * or absent, hashing (SHA-256) what was written or what is verified, and reading a scan of the
 * paper form, its type judged by its bytes (shared/file-type.ts). No database and no rules here.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { link, lstat, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { sniffFileType } from '../shared/file-type'
import { SCAN_MIMES, type ScanMime } from './acceptance-types'

/** A photo or scan of a signed A4 page fits easily; a 15 MB cap keeps the database lean. */
export const SCAN_MAX_BYTES = 15 * 1024 * 1024

/** Why a scan is refused, carried as `params.problem` of SCAN_FILE. */
export type ScanProblem = 'EMPTY' | 'TOO_LARGE' | 'NOT_SUPPORTED'

// Temp files are named `.desk-export-<pid>-<hex>.tmp` in the target's folder: short whatever
// the final name's length, and recognisable, so one left by a killed export can be removed.
const TEMP_PREFIX = '.desk-export-'
const TEMP_SUFFIX = '.tmp'
const TEMP_NAME = /^\.desk-export-\d+-[0-9a-f]{16}\.tmp$/

/** Whether a file name is one of this module's temp files (left behind only by a crash). */
export function isExportTempName(name: string): boolean {
  return TEMP_NAME.test(name)
}

/** Hex SHA-256 of bytes, as recorded with an export or a scan and compared by verify. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Hex SHA-256 of a file, streamed; a missing or unreadable path is a FILE_NOT_READABLE. */
export async function hashFile(path: string): Promise<string> {
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new Error('not a file')
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
    return hash.digest('hex')
  } catch {
    throw new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path } })
  }
}

function scanRefusal(problem: ScanProblem): DeskError {
  return new DeskError('SCAN_FILE', { field: 'path', params: { problem } })
}

function isScanMime(mime: string | null): mime is ScanMime {
  return (SCAN_MIMES as readonly (string | null)[]).includes(mime)
}

/** A scan's bytes, its type read from them, and its file name; refused unless PNG/JPEG/PDF. */
export async function readScanFile(
  path: string
): Promise<{ bytes: Buffer; mime: ScanMime; fileName: string }> {
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new Error('not a file')
    if (info.size > SCAN_MAX_BYTES) throw scanRefusal('TOO_LARGE')
    bytes = await readFile(path)
  } catch (error) {
    if (error instanceof DeskError) throw error
    throw new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path } })
  }
  if (bytes.length === 0) throw scanRefusal('EMPTY')
  // the file may have grown between stat and read
  if (bytes.length > SCAN_MAX_BYTES) throw scanRefusal('TOO_LARGE')
  const mime = sniffFileType(bytes)
  if (!isScanMime(mime)) throw scanRefusal('NOT_SUPPORTED')
  return { bytes, mime, fileName: basename(path) }
}

/** The two steps that put a finished temp file under its final name; tests inject failures. */
export interface CommitSteps {
  /** replaces whatever is at `to` */
  rename: (from: string, to: string) => Promise<void>
  /** fails with EEXIST when `to` exists, so nothing is replaced */
  link: (from: string, to: string) => Promise<void>
}

const NODE_STEPS: CommitSteps = { rename, link }

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'EIO'
}

/** Hard links are missing on FAT/exFAT sticks and some network shares. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EINVAL'])

/**
 * Writes `bytes` to `path` whole or not at all: into a temp file in the same folder, flushed
 * to disk, then renamed (with `overwrite`) or hard-linked (without, so a file that appeared
 * meanwhile is not replaced) onto the final name. A failure, or a process killed half-way,
 * never leaves a truncated file under the final name.
 */
export async function writeFileAtomically(
  path: string,
  bytes: Uint8Array,
  options: { overwrite: boolean },
  steps: CommitSteps = NODE_STEPS
): Promise<void> {
  const folder = dirname(path)
  const temp = join(
    folder,
    `${TEMP_PREFIX}${process.pid}-${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`
  )
  try {
    if (!options.overwrite) await refuseExisting(path)
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.overwrite) await steps.rename(temp, path)
    else await commitWithoutReplacing(temp, path, steps)
    await syncFolder(folder)
  } catch (error) {
    if (error instanceof DeskError) throw error
    const code = errnoCode(error)
    if (code === 'EEXIST') throw new DeskError('FILE_EXISTS', { field: 'path', params: { path } })
    throw new DeskError('FILE_WRITE_FAILED', { field: 'path', params: { path, reason: code } })
  } finally {
    // after a rename there is nothing left; after a link or a failure the temp name goes
    await rm(temp, { force: true })
  }
}

async function refuseExisting(path: string): Promise<void> {
  const exists = await lstat(path).then(
    () => true,
    () => false
  )
  if (exists) throw new DeskError('FILE_EXISTS', { field: 'path', params: { path } })
}

async function commitWithoutReplacing(
  temp: string,
  path: string,
  steps: CommitSteps
): Promise<void> {
  try {
    await steps.link(temp, path)
  } catch (error) {
    if (!NO_HARD_LINKS.has(errnoCode(error))) throw error
    // without hard links: check, then rename; a file created in between could be replaced
    await refuseExisting(path)
    await steps.rename(temp, path)
  }
}

/** Makes the new name itself durable on POSIX; Windows cannot open a folder, nor needs to. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // the file is written; a folder that cannot be synced only loses durability
  }
}
