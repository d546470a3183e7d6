/**
 * Runs one call by name: validates the payload with the contract's schema, calls the handler,
 * turns refusals into an ErrorPayload. The IPC handler, the CLI and the test bridge all end here.
 */
import type { z } from 'zod'
import { DeskError, type ErrorPayload, type FieldIssue, type ErrorCode } from '../errors/desk-error'
import { issueMessage, type Locale } from '../errors/messages'
import { CALL_NAMES, type CallName } from './call-names'
import { contract, type Handlers } from './contract'
import type { Envelope } from './envelope'
import { deskErrorFromDb } from '../db/db-errors'

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name)
}

export function toErrorPayload(error: DeskError, locale: Locale = 'zh-CN'): ErrorPayload {
  return {
    code: error.code,
    ...(error.field !== undefined ? { field: error.field } : {}),
    message: issueMessage('errors', error.code, error.params, locale),
    messageKey: `errors.${error.code}`,
    ...(error.params ? { params: error.params } : {}),
    ...(error.issues ? { issues: error.issues } : {})
  }
}

function zodRefusal(issues: z.core.$ZodIssue[]): DeskError {
  // zod's own message is English prose; the issue code is labelled in either language instead
  const fieldIssues: FieldIssue<ErrorCode>[] = issues.map((i) => ({
    code: 'VALIDATION',
    field: i.path.map(String).join('.') || undefined,
    params: { field: i.path.map(String).join('.') || '(root)', rule: i.code }
  }))
  return DeskError.fromIssues(fieldIssues)
}

/**
 * IPC keeps a field sent as `undefined`; zod passes it on. An absent and an undefined field
 * mean the same to every handler, so such keys are dropped (a service spreading the request
 * over a row would otherwise overwrite a NOT NULL column with null).
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined)
  if (
    value === null ||
    typeof value !== 'object' ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)])
  )
}

export interface DispatchOptions {
  locale?: Locale
  /** told about failures that are not refusals (bugs, I/O), for the log */
  onInternalError?: (name: string, error: unknown) => void
}

export async function dispatch(
  handlers: Handlers,
  name: unknown,
  payload: unknown,
  options: DispatchOptions = {}
): Promise<Envelope<unknown>> {
  const locale = options.locale ?? 'zh-CN'
  try {
    if (!isCallName(name)) {
      throw new DeskError('UNKNOWN_CALL', { params: { name: String(name).slice(0, 100) } })
    }
    const parsed = contract[name].request.safeParse(payload ?? {})
    if (!parsed.success) throw zodRefusal(parsed.error.issues)
    const handler = handlers[name] as (request: unknown) => unknown
    const result = await handler(withoutUndefined(parsed.data))
    return { ok: true, result: result === undefined ? null : result }
  } catch (error) {
    if (error instanceof DeskError) return { ok: false, error: toErrorPayload(error, locale) }
    const dbRefusal = deskErrorFromDb(error) // another writer holds the lock: DB_BUSY
    if (dbRefusal) return { ok: false, error: toErrorPayload(dbRefusal, locale) }
    options.onInternalError?.(String(name), error)
    return { ok: false, error: toErrorPayload(new DeskError('INTERNAL'), locale) }
  }
}
