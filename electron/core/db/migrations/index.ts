import type { Migration } from './migration'
import { migration001 } from './001-registry'
import { migration002 } from './002-deliveries'
import { migration003 } from './003-vault'
import { migration004 } from './004-acceptance'
import { migration005 } from './005-search'
import { migration006 } from './006-evidence'
import { migration007 } from './007-vault-binding'
import { migration008 } from './008-search-backlog'
import { migration009 } from './009-list-order'
import { migration010 } from './010-search-seams'

/** Every schema version in order. Add a file per version; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010
]
