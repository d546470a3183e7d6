import type { ErrorPayload } from '@core/errors/desk-error'

/** A refused call: carries the typed refusal (code, field, message key, params, issues). */
export class CallError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message)
    this.name = 'CallError'
  }
  get code(): string {
    return this.payload.code
  }
  get field(): string | undefined {
    return this.payload.field
  }
}
