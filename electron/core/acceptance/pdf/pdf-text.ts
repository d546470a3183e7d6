/**
 * Line breaking for the acceptance PDF, done here rather than by pdfkit so that the form's
 * rules hold whatever the column width: a Latin/digit word (an order number SO-2026-0042, a
 * 20-digit invoice number, an e-mail address) never breaks inside, not even at its hyphen,
 * unless it is wider than the whole line; CJK text breaks between any two characters; closing
 * punctuation never starts a line and opening punctuation never ends one (避头尾).
 * Pure: widths come from the caller.
 */
import { clean } from '../acceptance-wording'

/** For one-line places (title, names): line breaks become spaces. */
export function oneLine(value: string): string {
  return clean(value).replace(/[\r\n]+/g, ' ')
}

/**
 * A date as the form writes it (2026年3月15日), or a Latin or digit word with the punctuation
 * that joins its parts (- . / _ @ : + # & ')
 */
const WORD =
  /\d{4}年\d{1,2}月\d{1,2}日|[A-Za-z0-9\u00C0-\u024F]+(?:[-./_@:+#&'’][A-Za-z0-9\u00C0-\u024F]+)*/y
const SPACE = /[ \u00A0]+/y
/** never at the start of a line */
const CLOSING = new Set([...'，。、；：？！）》」』】〕〉…‥,.;:!?)]}%％’”·・～~'])
/** never at the end of a line */
const OPENING = new Set([...'（《「『【〔〈([{‘“'])

interface Unit {
  text: string
  /** a space: a break opportunity that disappears at a line's end */
  space: boolean
}

/** The paragraph cut into pieces that are never broken (unless wider than a line). */
function units(paragraph: string): Unit[] {
  const out: Unit[] = []
  let at = 0
  let glue = '' // opening punctuation waiting for what it opens
  const push = (text: string): void => {
    const last = out[out.length - 1]
    if (glue === '' && CLOSING.has(text[0] ?? '') && last && !last.space) {
      last.text += text
    } else {
      out.push({ text: glue + text, space: false })
      glue = ''
    }
  }
  while (at < paragraph.length) {
    SPACE.lastIndex = at
    const space = SPACE.exec(paragraph)
    if (space) {
      if (glue !== '') {
        out.push({ text: glue, space: false })
        glue = ''
      }
      out.push({ text: space[0], space: true })
      at += space[0].length
      continue
    }
    WORD.lastIndex = at
    const word = WORD.exec(paragraph)
    if (word) {
      push(word[0])
      at += word[0].length
      continue
    }
    const cp = paragraph.codePointAt(at) ?? 0
    const ch = String.fromCodePoint(cp)
    at += ch.length
    if (OPENING.has(ch)) glue += ch
    else push(ch)
  }
  if (glue !== '') out.push({ text: glue, space: false })
  return out
}

/** Breaks a piece wider than a line by characters (nothing else would fit it). */
function hardBreak(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (line !== '' && measure(line + ch) > maxWidth) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line !== '') lines.push(line)
  return lines
}

/**
 * The lines `text` takes in a column `maxWidth` wide. Line breaks in the text are kept; an
 * empty text is one empty line.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = ''
    let width = 0
    let pendingSpace = ''
    for (const unit of units(paragraph)) {
      if (unit.space) {
        if (line !== '') pendingSpace = unit.text
        continue
      }
      const unitWidth = measure(unit.text)
      const spaceWidth = pendingSpace ? measure(pendingSpace) : 0
      if (line !== '' && width + spaceWidth + unitWidth <= maxWidth) {
        line += pendingSpace + unit.text
        width += spaceWidth + unitWidth
      } else if (line === '' && unitWidth <= maxWidth) {
        line = unit.text
        width = unitWidth
      } else {
        if (line !== '') lines.push(line)
        if (unitWidth <= maxWidth) {
          line = unit.text
          width = unitWidth
        } else {
          const pieces = hardBreak(unit.text, maxWidth, measure)
          lines.push(...pieces.slice(0, -1))
          line = pieces[pieces.length - 1] ?? ''
          width = measure(line)
        }
      }
      pendingSpace = ''
    }
    lines.push(line)
  }
  return lines
}
