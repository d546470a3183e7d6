import { z } from 'zod'

/**
 * A path in a request must be absolute. The app's paths come from its own dialogs (the IPC
 * transport refuses any path from the page); the CLI resolves what its user typed against its
 * own working folder before dispatch. A relative path reaching the core would be resolved
 * against whatever folder the process happens to run in (a fuzz run once filled the checkout
 * with files that way), so it is refused. POSIX `/…`, Windows `C:\…` and `\\server\share`.
 */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)
}

/** The one schema of a file path in a request. */
export const filePath = z.string().min(1).max(4096).refine(isAbsolutePath, { error: 'absolute' })
