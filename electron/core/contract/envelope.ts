import type { ErrorPayload } from '../errors/desk-error'

/** What every transport carries back: a result or a typed refusal, never a thrown Error. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload }
