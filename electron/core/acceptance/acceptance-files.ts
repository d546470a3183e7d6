/**
 * The acceptance domain's files on disk: hashing (SHA-256) what was written or what is
 * verified, and reading a scan of the paper form, its type judged by its bytes
 * (shared/file-type.ts). Writing an export is shared/atomic-file.ts's `writeExportFile`. No
 * database and no rules here.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { sniffFileType } from '../shared/file-type'
import { SCAN_MIMES, type ScanMime } from './acceptance-types'

/** A photo or scan of a signed A4 page fits easily; a 15 MB cap keeps the database lean. */
export const SCAN_MAX_BYTES = 15 * 1024 * 1024

/** Why a scan is refused, carried as `params.problem` of SCAN_FILE. */
export type ScanProblem = 'EMPTY' | 'TOO_LARGE' | 'NOT_SUPPORTED'

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
