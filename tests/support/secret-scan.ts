/**
 * The secrets-on-disk scan: every file under a folder, read as bytes, searched for each needle
 * in the forms a value could take on disk (UTF-8, UTF-16LE, hex, base64 at each of the three
 * byte alignments). Zip containers (.docx, .xlsx) are compressed, so a plaintext inside one
 * would not show in its bytes: their entries are unpacked and searched as well.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
  )
}

/**
 * Base64 of the value wherever it starts in a longer base64 text: the value's bytes can sit
 * at offset 0, 1 or 2 of a 3-byte group, and only the characters that depend on the value
 * alone are kept (the first and last one or two mix in the neighbours' bits).
 */
function base64Forms(bytes: Buffer): Buffer[] {
  const forms: Buffer[] = []
  for (let shift = 0; shift < 3; shift++) {
    const text = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64')
    const start = shift === 0 ? 0 : shift + 1
    const tail = (shift + bytes.length) % 3
    const end = text.replace(/=+$/, '').length - (tail === 0 ? 0 : 1)
    if (end - start >= 8) forms.push(Buffer.from(text.slice(start, end)))
  }
  return forms
}

/** every byte form a value could take on disk */
export function encodings(value: string | Buffer): Buffer[] {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
  const forms = [bytes, Buffer.from(bytes.toString('hex')), ...base64Forms(bytes)]
  if (typeof value === 'string') {
    forms.push(Buffer.from(value, 'utf16le'), Buffer.from(value, 'utf16le').swap16())
  }
  return forms
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** The file's bytes, and for a zip container each of its entries, labelled. */
function contentsOf(file: string): { label: string; bytes: Buffer }[] {
  const bytes = readFileSync(file)
  const parts = [{ label: file, bytes }]
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    for (const [name, entry] of Object.entries(unzipSync(bytes))) {
      parts.push({ label: `${file}!${name}`, bytes: Buffer.from(entry) })
    }
  }
  return parts
}

/** `<needle> in <file>` for every needle found in any of its forms in any file. */
export function findLeaks(
  dirOrFiles: string | string[],
  needles: Record<string, string | Buffer>
): string[] {
  const files = typeof dirOrFiles === 'string' ? filesUnder(dirOrFiles) : dirOrFiles
  const leaks: string[] = []
  for (const file of files) {
    for (const { label, bytes } of contentsOf(file)) {
      for (const [name, value] of Object.entries(needles)) {
        if (encodings(value).some((form) => bytes.includes(form))) leaks.push(`${name} in ${label}`)
      }
    }
  }
  return leaks
}
