import type { Migration } from './migration'

/** The credential vault (issue 4). */
export const migration003: Migration = {
  version: 3,
  name: 'vault',
  up: `SELECT 1;`
}
