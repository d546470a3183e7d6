/**
 * The growing wait after wrong passphrases. It slows guessing through the app (someone at an
 * unattended laptop); a copied file is protected by scrypt instead, which no delay can replace.
 * The count lives in the database, so restarting the app does not reset it.
 */

/** typos happen: the first wrong passphrases cost nothing */
export const FREE_UNLOCK_ATTEMPTS = 3
export const MAX_UNLOCK_DELAY_SECONDS = 300

/** seconds to wait after `failedAttempts` consecutive failures: 0, 0, 2, 4, 8 … capped at 5 minutes */
export function unlockDelaySeconds(failedAttempts: number): number {
  if (failedAttempts < FREE_UNLOCK_ATTEMPTS) return 0
  return Math.min(2 ** (failedAttempts - FREE_UNLOCK_ATTEMPTS + 1), MAX_UNLOCK_DELAY_SECONDS)
}

/** whole seconds still to wait at `now` (ISO strings), 0 when a new attempt is allowed */
export function retryAfterSeconds(
  failedAttempts: number,
  lastFailedAt: string | null,
  now: string
): number {
  const delayMs = unlockDelaySeconds(failedAttempts) * 1000
  if (delayMs === 0 || lastFailedAt === null) return 0
  const elapsedMs = Date.parse(now) - Date.parse(lastFailedAt)
  // A clock set back (or an unreadable time) restarts the wait rather than skipping or stretching it.
  if (!Number.isFinite(elapsedMs) || elapsedMs < 0) return delayMs / 1000
  return Math.max(0, Math.ceil((delayMs - elapsedMs) / 1000))
}
