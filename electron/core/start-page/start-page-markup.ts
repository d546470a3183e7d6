/**
 * Which stored markup may become the start page's picture (start-page.ts).
 *
 * The renderer sends it, and the main process puts it, unparsed, into the page that every
 * later start serves: a renderer that was ever made to send something else would otherwise
 * keep it there. A deny-list of patterns does not hold: an attribute needs no space before it
 * (`"/onclick=`), entities spell any URL, and markup that acts without any script can still
 * end the picture early (`</div>`, `<li><div><li>`, `<button><div><button>`), swallow the rest
 * of the page (`<plaintext>`, `<textarea>`, an open `<!--`), set attributes on the body
 * (`<body inert>`), or take over the app's root and the document's methods (`id="app"`,
 * `name="querySelector"`). So only what a list page is made of passes, in the one form
 * `outerHTML` writes it (lower-case tags, double-quoted attributes, the five entities it
 * writes), with nothing the HTML parser would move or close on its own: then every element of
 * the picture is parsed inside the picture, where it is inert, and goes with it.
 */

/** Elements without an end tag (the allowed ones). */
const VOID = new Set(['br', 'col', 'hr', 'input', 'wbr'])

const SVG_SHAPES = new Set([
  'path',
  'g',
  'circle',
  'rect',
  'line',
  'polyline',
  'polygon',
  'ellipse'
])

/** Everything else the list page is built from (CustomersView, App.vue, Element Plus). */
const ELEMENTS = new Set([
  ...VOID,
  ...['a', 'abbr', 'article', 'aside', 'b', 'button', 'code', 'div', 'em', 'footer'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'i', 'kbd', 'label', 'li', 'main'],
  ...['mark', 'nav', 'ol', 'option', 'p', 'section', 'select', 'small', 'span', 'strong'],
  ...['sub', 'sup', 'svg', 'table', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  ...['time', 'ul'],
  ...SVG_SHAPES
])

/** Where an element may be, for those the parser would otherwise move, close or drop. */
const PARENTS: Record<string, readonly string[]> = {
  colgroup: ['table'],
  col: ['colgroup'],
  thead: ['table'],
  tbody: ['table'],
  tfoot: ['table'],
  tr: ['thead', 'tbody', 'tfoot'],
  td: ['tr'],
  th: ['tr'],
  li: ['ul', 'ol'],
  option: ['select'],
  ...Object.fromEntries([...SVG_SHAPES].map((shape) => [shape, ['svg', 'g']]))
}
/** What such a parent may hold (text: whitespace only, except in an option). */
const CHILDREN: Record<string, readonly string[]> = {
  table: ['colgroup', 'thead', 'tbody', 'tfoot'],
  colgroup: ['col'],
  thead: ['tr'],
  tbody: ['tr'],
  tfoot: ['tr'],
  tr: ['td', 'th'],
  select: ['option'],
  option: [],
  svg: [...SVG_SHAPES],
  g: [...SVG_SHAPES],
  ...Object.fromEntries(
    [...SVG_SHAPES].filter((shape) => shape !== 'g').map((shape) => [shape, []])
  )
}
/** Elements that close an open <p>, and those that close one of their own kind when nested. */
const CLOSES_P = new Set([
  ...['article', 'aside', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header'],
  ...['hr', 'main', 'nav', 'ol', 'p', 'section', 'table', 'ul']
])
const NOT_NESTED = new Set(['a', 'button', 'p'])
const HEADING = /^h[1-6]$/

const ATTRIBUTES = new Set([
  ...['class', 'role', 'tabindex', 'title', 'type', 'value', 'placeholder', 'autocomplete'],
  ...['disabled', 'checked', 'selected', 'readonly', 'scope', 'colspan', 'rowspan', 'href'],
  ...['xmlns', 'viewBox', 'd', 'fill', 'stroke', 'stroke-width', 'width', 'height', 'points'],
  ...['x', 'y', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2', 'transform']
])
const ATTRIBUTE_NAME = /^(?:aria-[a-z]+|data-[a-z0-9-]+)$/
const VALUE = /^(?:[^"&]|&(?:amp|lt|gt|quot|nbsp);)*$/
const ATTRIBUTE = / ([a-zA-Z][\w-]*)(?:="([^"]*)")?/y

const TOKEN =
  /([^<&]+)|&(?:amp|lt|gt|nbsp);|<!--(?:[a-z]+(?:-[a-z]+)*)?-->|<([a-z][a-z0-9]*)((?: [a-zA-Z][\w-]*(?:="[^"]*")?)*)>|<\/([a-z][a-z0-9]*)>/y

function attributesAllowed(list: string): boolean {
  ATTRIBUTE.lastIndex = 0
  while (ATTRIBUTE.lastIndex < list.length) {
    const match = ATTRIBUTE.exec(list)
    if (!match) return false
    const [, name, value = ''] = match
    if (!ATTRIBUTES.has(name!) && !ATTRIBUTE_NAME.test(name!)) return false
    if (!VALUE.test(value)) return false
    // links within the app only (the picture takes no clicks, and the app's links are routes)
    if (name === 'href' && !value.startsWith('#')) return false
    if (name === 'xmlns' && value !== 'http://www.w3.org/2000/svg') return false
  }
  return true
}

function elementAllowed(name: string, open: readonly string[]): boolean {
  const parent = open[open.length - 1]!
  if (!ELEMENTS.has(name)) return false
  if (PARENTS[name] && !PARENTS[name].includes(parent)) return false
  if (CHILDREN[parent] && !CHILDREN[parent].includes(name)) return false
  if (CLOSES_P.has(name) && open.includes('p')) return false
  if (NOT_NESTED.has(name) && open.includes(name)) return false
  return !(HEADING.test(name) && HEADING.test(parent))
}

/**
 * Whether `html` is such markup, placed inside `context` (the picture's div for the shell, the
 * table body for a row). `mark`: the one comment it must hold, directly in a table body.
 */
export function pictureMarkupAllowed(
  html: string,
  context: 'div' | 'tbody',
  mark: string | null
): boolean {
  const open: string[] = [context]
  let marks = 0
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < html.length) {
    const match = TOKEN.exec(html)
    if (!match) return false
    const [whole, text, start, attributes, end] = match
    const parent = open[open.length - 1]!
    if (text !== undefined || whole.startsWith('&')) {
      if (CHILDREN[parent] && parent !== 'option' && !/^\s*$/.test(whole)) return false
    } else if (start !== undefined) {
      if (!elementAllowed(start, open) || !attributesAllowed(attributes ?? '')) return false
      if (!VOID.has(start)) open.push(start)
    } else if (end !== undefined) {
      if (open.length === 1 || end !== parent) return false
      open.pop()
    } else if (mark !== null && whole === mark) {
      if (parent !== 'tbody') return false
      marks += 1
    }
    // any other comment is one of Vue's placeholders (<!---->, <!--v-if-->): closed, inert
  }
  return open.length === 1 && (mark === null || marks === 1)
}
