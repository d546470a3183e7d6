/**
 * Saves the customer list's shell as painted, for the next start's picture (electron/core/
 * start-page): the page's own markup with no customer data in it. Its table body is reduced to
 * a mark, and its two kinds of row (the first holds the tab stop) are rendered apart by the
 * list's own component with tokens for values, which the main process fills at the next start
 * from the database. Run when the list is idle after its first page (a few KB of code, part of
 * the start chunk: it uses only what the list has loaded already).
 */
import { createApp } from 'vue'
import type { Customer } from '@core/customers/customer-fields'
import {
  PREPAINT_CLASS,
  ROW_TOKEN_KEYS,
  ROWS_MARK,
  rowToken,
  type RowTokenKey
} from '@core/start-page/start-page-marks'
import CustomerTable from '@/components/customers/CustomerTable.vue'
import { firstRowCount, ROW_HEIGHT } from '@/components/customers/first-rows'
import { api } from '@/api/client'
import { i18n, type AppLocale } from '@/i18n'
import { formatDateTime } from '@/format/dates'

/** Attributes the picture must not repeat: test hooks and ids would be found twice. */
const DROPPED_ATTRIBUTES = ['id', 'data-test', 'style', 'for', 'name']

function clean(root: Element): void {
  for (const element of [root, ...root.querySelectorAll('*')])
    for (const name of DROPPED_ATTRIBUTES) element.removeAttribute(name)
}

// Values no customer has, in place of every value a row shows (an id, a local time).
const SENTINEL_IDS = [987_654_301, 987_654_302]
const SENTINEL_TIME = new Date(2001, 1, 3, 4, 5).toISOString()

function sentinel(id: number): Customer {
  const token = (key: RowTokenKey): string => rowToken(key)
  return {
    id,
    name: token('name'),
    taxId: token('taxId'),
    contactName: token('contactName'),
    contactPhone: token('phone'),
    phone: '',
    address: token('address'),
    bankName: '',
    bankAccount: '',
    invoicer: '',
    adminMobile: '',
    email: '',
    taxIdOverrideReason: null,
    createdAt: SENTINEL_TIME,
    updatedAt: SENTINEL_TIME,
    archivedAt: null
  } as Customer
}

/** The list's first and other row, rendered by CustomerTable itself with tokens for values. */
function rowTemplates(): [string, string] | null {
  const host = document.createElement('div')
  const app = createApp(CustomerTable, { rows: SENTINEL_IDS.map(sentinel) })
  app.use(i18n)
  try {
    app.mount(host)
    const rows = [...host.querySelectorAll('tbody > tr')].slice(0, 2)
    if (rows.length !== 2) return null
    const time = formatDateTime(SENTINEL_TIME)
    const templates = rows.map((row, i) => {
      clean(row)
      return row.outerHTML
        .split(String(SENTINEL_IDS[i]))
        .join(rowToken('id'))
        .split(time)
        .join(rowToken('updatedAt'))
    })
    // every value must have found its place, or the rows would be filled wrong
    const complete = templates.every((html) =>
      ROW_TOKEN_KEYS.every((key) => html.includes(rowToken(key)))
    )
    return complete ? [templates[0]!, templates[1]!] : null
  } finally {
    app.unmount()
  }
}

/** The shell as painted, with its rows, the list's footer and the vault's state taken out. */
function shellMarkup(): string | null {
  const painted = document.querySelector('#app > .shell')
  const table = painted?.querySelector('table.customer-table tbody')
  if (!painted || !table) return null
  const shell = painted.cloneNode(true) as Element
  shell.querySelector('table.customer-table tbody')?.replaceChildren()
  // the spacer for rows not built yet (the picture has rows for it), a vault unlocked for now
  for (const stale of shell.querySelectorAll('table.customer-table tfoot, .vault-state'))
    stale.remove()
  // the total and pager, below the first rows: kept for the page's length, never shown
  shell.querySelector('.customers-page > footer')?.classList.add(`${PREPAINT_CLASS}-hidden`)
  clean(shell)
  // nothing is stored focused (whatever had focus when saved); first-page.js draws the search
  // box focused when it keeps what is typed on the picture
  for (const focused of shell.querySelectorAll('.is-focus')) focused.classList.remove('is-focus')
  const body = shell.querySelector('table.customer-table tbody')
  if (!body) return null
  body.append(document.createComment(ROWS_MARK.slice(4, -3)))
  return shell.outerHTML
}

/**
 * How many rows the window shows at the top of the page: the picture holds those (the rest of
 * the page are empty rows of a row's height; the list builds a few more first, off screen).
 */
function rowsOnScreen(): number {
  const body = document.querySelector('#app table.customer-table tbody')
  if (!body) return firstRowCount()
  const top =
    body.getBoundingClientRect().top + (document.querySelector('#app main')?.scrollTop ?? 0)
  const visible = Math.ceil((window.innerHeight - top) / ROW_HEIGHT)
  return Math.max(1, Math.min(firstRowCount(), visible))
}

/** The entry script's path: the picture is used only with the build that painted it. */
function buildId(): string | null {
  const src = document.querySelector('script[type="module"][src]')?.getAttribute('src')
  return src ? new URL(src, window.location.href).pathname : null
}

/** Saves the shell for the next start (quietly: the app starts without a picture otherwise). */
export async function saveStartPage(): Promise<void> {
  const build = buildId()
  // the development server serves sources, not a build: nothing to match at the next start
  if (!build || !/^\/assets\/[\w.-]+\.js$/.test(build)) return
  // still the list as it starts (no search, scope, sort or page chosen since it was painted)
  if (!['', '#/', '#/customers'].includes(window.location.hash)) return
  const shell = shellMarkup()
  const rows = rowTemplates()
  if (!shell || !rows) return
  await api.app.saveStartPage({
    build,
    locale: i18n.global.locale.value as AppLocale,
    shell,
    rowFirst: rows[0],
    rowOther: rows[1],
    rows: rowsOnScreen()
  })
}
