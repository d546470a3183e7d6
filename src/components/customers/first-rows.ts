/**
 * How many of a page's rows the customer list builds first: those a window can show (the rest
 * come once the first frame is painted, CustomerTable.vue). The start page's picture holds as
 * many (src/start/start-page-snapshot.ts).
 */

/** th/td: 8 px padding above and below, 23 px line, 1 px border */
export const ROW_HEIGHT = 40

export const firstRowCount = (): number => Math.max(1, Math.ceil(window.innerHeight / ROW_HEIGHT))
