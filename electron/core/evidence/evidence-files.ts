/**
 * Reading a file offered as evidence: its bytes, its type judged by them (shared/file-type),
 * and its name. Refused when empty, over 20 MB, not PNG/JPEG/PDF/OFD, or named as one of
 * these while its bytes are another (a copy saved under that name would not open). No
 * database here.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { sniffFileType } from '../shared/file-type'
import { EVIDENCE_MAX_BYTES, EVIDENCE_MIMES, type EvidenceMime } from './evidence-types'

const MAX_MB = EVIDENCE_MAX_BYTES / (1024 * 1024)

function isEvidenceMime(mime: string | null): mime is EvidenceMime {
  return (EVIDENCE_MIMES as readonly (string | null)[]).includes(mime)
}

/** The file's bytes, type and name, or a refusal naming the file (its name is user data). */
export async function readEvidenceFile(
  path: string
): Promise<{ bytes: Buffer; mime: EvidenceMime; name: string }> {
  const name = basename(path)
  const tooLarge = (): DeskError =>
    new DeskError('EVIDENCE_TOO_LARGE', { field: 'path', params: { name, maxMb: MAX_MB } })
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new Error('not a file')
    // refused before reading: a 2 GB video picked by mistake never reaches memory
    if (info.size > EVIDENCE_MAX_BYTES) throw tooLarge()
    bytes = await readFile(path)
  } catch (error) {
    if (error instanceof DeskError) throw error
    throw new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path } })
  }
  // the file may have grown between stat and read
  if (bytes.length > EVIDENCE_MAX_BYTES) throw tooLarge()
  if (bytes.length === 0) throw new DeskError('EVIDENCE_EMPTY', { field: 'path', params: { name } })
  const mime = sniffFileType(bytes)
  if (!isEvidenceMime(mime)) {
    throw new DeskError('EVIDENCE_TYPE', { field: 'path', params: { name } })
  }
  const named = NAMED_TYPES[extname(name).toLowerCase()]
  if (named && named !== mime) {
    throw new DeskError('EVIDENCE_NAME_MISMATCH', {
      field: 'path',
      params: { name, actual: EVIDENCE_EXTENSIONS[mime] }
    })
  }
  return { bytes, mime, name }
}

/** Extensions that say which of the four types a file is; any other name says nothing. */
const NAMED_TYPES: Readonly<Record<string, EvidenceMime>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd'
}

/** The extension a copy gets when the name typed in the save dialog has none. */
export const EVIDENCE_EXTENSIONS: Readonly<Record<EvidenceMime, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
  'application/ofd': 'ofd'
}
