import type { Migration } from './migration'
import { migration001 } from './001-registry'

/** Every schema version in order. Add a file per version; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [migration001]
