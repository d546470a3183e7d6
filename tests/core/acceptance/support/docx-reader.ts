import { strFromU8, unzipSync } from 'fflate'

export interface DocxParts {
  files: Record<string, Uint8Array>
  xml(path: string): string
  /** the text of each paragraph of word/document.xml, runs joined, entities decoded */
  paragraphs(): string[]
  media(): string[]
}

function decodeEntities(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

export function readDocx(bytes: Uint8Array): DocxParts {
  const files = unzipSync(bytes)
  const xml = (path: string) => {
    const file = files[path]
    if (!file) throw new Error(`${path} is not in the package`)
    return strFromU8(file)
  }
  return {
    files,
    xml,
    paragraphs: () =>
      xml('word/document.xml')
        .split('</w:p>')
        .map((p) =>
          Array.from(p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g), (m) =>
            decodeEntities(m[1] ?? '')
          ).join('')
        )
        .filter((text) => text !== ''),
    media: () => Object.keys(files).filter((name) => name.startsWith('word/media/'))
  }
}
