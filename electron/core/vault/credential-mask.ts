/**
 * How a stored secret is shown without revealing it: first character, stars, last two
 * (`P*******k2`). The star count is fixed so the mask does not tell the value's length, and a
 * short value is starred whole, since three of its characters would be most of it.
 */
const STARS = '*******'
/** below this many characters nothing of the value is shown */
export const MIN_PARTLY_SHOWN_LENGTH = 8
const FULLY_STARRED = '*'.repeat(1 + STARS.length + 2)

export function maskCredential(value: string): string {
  // Code points, so a CJK character or emoji is never cut in half.
  const chars = Array.from(value)
  if (chars.length < MIN_PARTLY_SHOWN_LENGTH) return FULLY_STARRED
  return `${chars[0]}${STARS}${chars.slice(-2).join('')}`
}
