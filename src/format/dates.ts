// The start page's rows (electron/core/start-page) format dates the same way: one copy.
export { formatDate, formatDateTime } from '@core/shared/dates'
