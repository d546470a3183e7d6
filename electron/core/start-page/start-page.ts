/**
 * The start page painted before the app's code runs (issue 13).
 *
 * Chromium needs about as long to lay out and paint the customer list as the whole app needs
 * to load, so the list's first rows waited for both, one after the other. Now the page the
 * app:// handler serves already holds them: the shell the renderer last painted (its own DOM,
 * saved with no customer data in it) with the first page's rows filled in here from the
 * database, as they are now. It lies over the app as an inert picture until the app's own list
 * is painted under it, then the renderer removes it (src/start/prepaint.ts).
 *
 * What is stored is markup only: no names, tax IDs or phones. The rows are filled at each
 * start, from the same search the list itself makes first (src/public/first-page.js).
 */
import { z } from 'zod'
import { formatDateTime } from '../shared/dates'
import { pictureMarkupAllowed } from './start-page-markup'
import type { Customer } from '../customers/customer-fields'
import {
  PREPAINT_CLASS,
  ROW_TOKEN_KEYS,
  ROWS_MARK,
  START_LIST_REQUEST,
  type RowTokenKey
} from './start-page-marks'

export {
  PREPAINT_CLASS,
  ROW_TOKEN_KEYS,
  ROWS_MARK,
  START_LIST_REQUEST,
  rowToken
} from './start-page-marks'

/** Markup the picture may hold, in the context it is put in (start-page-markup.ts). */
const markup = (max: number, context: 'div' | 'tbody', mark: string | null) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((html) => pictureMarkupAllowed(html, context, mark), {
      message: 'markup not allowed'
    })

export const startPageSnapshotSchema = z
  .object({
    /** the renderer build it was painted by: the entry script's path */
    build: z
      .string()
      .min(1)
      .max(200)
      .regex(/^\/assets\/[\w.-]+\.js$/),
    locale: z.enum(['zh-CN', 'en']),
    /** the page as painted, its table body reduced to ROWS_MARK */
    shell: markup(200_000, 'div', ROWS_MARK).refine(
      // once in all: as the comment in the table body, never in an attribute's value as well
      (html) => html.split(ROWS_MARK).length === 2,
      { message: 'the shell must hold the rows mark once' }
    ),
    /** the first row and every other row, with rowToken(key) where the values go */
    rowFirst: markup(20_000, 'tbody', null),
    rowOther: markup(20_000, 'tbody', null),
    /** how many rows the list paints first at this window height */
    rows: z.number().int().min(1).max(START_LIST_REQUEST.limit)
  })
  .strict()

export type StartPageSnapshot = z.infer<typeof startPageSnapshotSchema>

/** The picture for a page, and the language it is in (the page's lang, as the app sets it). */
export interface StartPicture {
  html: string
  lang: StartPageSnapshot['locale']
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

/** A customer's values as the list shows them (CustomerTable.vue). */
export function rowValues(customer: Customer): Record<RowTokenKey, string> {
  return {
    id: String(customer.id),
    name: customer.name,
    taxId: customer.taxId,
    contactName: customer.contactName,
    phone: customer.contactPhone || customer.phone,
    address: customer.address,
    updatedAt: formatDateTime(customer.updatedAt)
  }
}

const TOKEN = /⟦(\w+)⟧/g

function fillRow(template: string, values: Record<RowTokenKey, string>): string {
  return template.replace(TOKEN, (whole, key: string) =>
    (ROW_TOKEN_KEYS as readonly string[]).includes(key)
      ? escapeHtml(values[key as RowTokenKey])
      : whole
  )
}

/**
 * The picture: the shell with the first rows, inert and hidden from assistive technology. The
 * page's other rows are empty rows of a row's height, as the list holds their place with a
 * spacer until it builds them: the page scrolls the same length, so its scrollbar is the same.
 */
export function prepaintHtml(snapshot: StartPageSnapshot, customers: readonly Customer[]): string {
  const shown = customers.slice(0, snapshot.rows)
  const rows =
    shown
      .map((customer, i) =>
        fillRow(i === 0 ? snapshot.rowFirst : snapshot.rowOther, rowValues(customer))
      )
      .join('') + `<tr class="${PREPAINT_CLASS}-rest"></tr>`.repeat(customers.length - shown.length)
  return `<div class="${PREPAINT_CLASS}" aria-hidden="true" inert>${snapshot.shell.replace(ROWS_MARK, () => rows)}</div>`
}
