export interface Migration {
  /** becomes PRAGMA user_version once applied; numbered 1, 2, 3… without gaps */
  version: number
  name: string
  /** SQL run inside the migration's transaction */
  up: string
}
