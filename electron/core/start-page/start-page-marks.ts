/**
 * What the renderer and the main process agree on about the start page's picture
 * (start-page.ts): no dependencies, so the renderer may import it.
 */

/** Where a customer's values go in the row templates (the renderer renders these in). */
export const ROW_TOKEN_KEYS = [
  'id',
  'name',
  'taxId',
  'contactName',
  'phone',
  'address',
  'updatedAt'
] as const
export type RowTokenKey = (typeof ROW_TOKEN_KEYS)[number]
export const rowToken = (key: RowTokenKey): string => `⟦${key}⟧`

/** The comment the shell's table body holds where the rows go. */
export const ROWS_MARK = '<!--desk-rows-->'

/**
 * The list's first request when the app starts on it: the same as first-page.js asks (no search
 * text, active customers, most recently changed first, the first 50).
 */
export const START_LIST_REQUEST = {
  includeArchived: false,
  archivedOnly: false,
  sort: 'updatedAt',
  limit: 50,
  offset: 0
} as const

/** The class of the picture's outer element (styled in src/styles/app.css). */
export const PREPAINT_CLASS = 'desk-prepaint'

/**
 * With a picture, the served page loads the app's code only after the picture's first frame
 * (start-page-html.ts): the module entry and the chunks to preload are named in these meta tags,
 * and src/public/first-page.js (a plain script, it cannot import this) inserts them.
 */
export const APP_ENTRY_META = 'desk-app-entry'
export const APP_PRELOAD_META = 'desk-app-preload'
