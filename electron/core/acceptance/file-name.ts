/**
 * File names that every desktop system accepts: the default name of an exported acceptance
 * form, `上线验收单-<客户名称>-<YYYYMMDD>.docx`, and any other name the app proposes.
 *
 * Windows is the strictest: no `\ / : * ? " < > |` or control characters, no trailing dot or
 * space, no device names (CON, NUL, COM1… even with an extension). Linux and macOS limit a
 * name to 255 bytes of UTF-8, Windows to 255 UTF-16 units; names are kept well under both so
 * that a dialog can still add " (2)".
 */

export const MAX_NAME_UNITS = 120
export const MAX_NAME_BYTES = 240

const REPLACEMENT = '_'
// Forbidden on Windows, plus C0/C1 controls which no system shows sensibly.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001F\u007F-\u009F]/g
// Bidirectional controls can make `exe.docx` read as `xcod.exe`; zero-width spaces hide text.
// Zero-width (non-)joiners stay: emoji sequences and some scripts need them.
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// The stem before the first dot is what Windows compares; ¹²³ count as digits there too.
const RESERVED = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i

const encoder = new TextEncoder()

function utf8Length(value: string): number {
  return encoder.encode(value).length
}

/** Replaces what a file name may not contain, without limiting its length. */
function scrub(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, REPLACEMENT)
    .replace(/\s+/g, ' ')
    .replace(FORBIDDEN, REPLACEMENT)
    .trim()
}

function trimEnd(value: string): string {
  return value.replace(/[. ]+$/, '')
}

/** User-perceived characters, so that an emoji or an accent is never cut in half. */
function graphemes(value: string): string[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return Array.from(segmenter.segment(value), (s) => s.segment)
}

/** The longest prefix of `value` within both budgets, cut between characters. */
function truncate(value: string, maxUnits: number, maxBytes: number): string {
  if (value.length <= maxUnits && utf8Length(value) <= maxBytes) return value
  let out = ''
  let bytes = 0
  for (const g of graphemes(value)) {
    const b = utf8Length(g)
    if (out.length + g.length > maxUnits || bytes + b > maxBytes) break
    out += g
    bytes += b
  }
  return out
}

function avoidReserved(stem: string): string {
  const firstPart = (stem.split('.')[0] ?? '').trimEnd()
  return RESERVED.test(firstPart) ? `${REPLACEMENT}${stem}` : stem
}

/**
 * A name safe on Windows, macOS and Linux. The extension (from the last dot, up to 10
 * characters) is kept; the stem is shortened when the whole is too long.
 */
export function safeFileName(name: string, fallback = '未命名'): string {
  const scrubbed = trimEnd(scrub(name))
  const dot = scrubbed.lastIndexOf('.')
  const extLength = scrubbed.length - dot
  const hasExtension =
    dot > 0 && extLength >= 2 && extLength <= 11 && !/ /.test(scrubbed.slice(dot))
  const extension = hasExtension ? scrubbed.slice(dot) : ''
  let stem = trimEnd(hasExtension ? scrubbed.slice(0, dot) : scrubbed)
  stem = trimEnd(
    truncate(stem, MAX_NAME_UNITS - extension.length, MAX_NAME_BYTES - utf8Length(extension))
  )
  if (stem === '') stem = fallback
  return avoidReserved(stem) + extension
}

/** `YYYY-MM-DD`, or a Date read in local time, as `YYYYMMDD`. */
function compactDate(date: string | Date): string {
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim())
    if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
    return `${m[1]}${m[2]}${m[3]}`
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date')
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`
}

const PREFIX = '上线验收单-'
const EXTENSION = '.docx'

/** The default name of an exported form: `上线验收单-<客户名称>-<YYYYMMDD>.docx`. */
export function acceptanceFileName(customerName: string, date: string | Date): string {
  const suffix = `-${compactDate(date)}${EXTENSION}`
  const fixedUnits = PREFIX.length + suffix.length
  const fixedBytes = utf8Length(PREFIX) + utf8Length(suffix)
  let customer = trimEnd(
    truncate(scrub(customerName), MAX_NAME_UNITS - fixedUnits, MAX_NAME_BYTES - fixedBytes)
  )
  if (customer === '') customer = '未命名客户'
  // The prefix keeps this from ever being a device name; safeFileName still checks the whole.
  return safeFileName(`${PREFIX}${customer}${suffix}`)
}
