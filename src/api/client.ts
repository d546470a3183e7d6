/**
 * The renderer's view of the contract: `api.customers.search({...})` resolves with the result
 * or throws a CallError carrying the typed refusal (code, field, message key, params).
 */
import type { BridgeApi } from '@core/contract/bridge-api'
import { CallError } from './call-error'
import type { Envelope } from '@core/contract/envelope'
import type { ErrorPayload } from '@core/errors/desk-error'
import { i18n } from '@/i18n'
import { issueText } from '@/i18n/labels'

export { CallError }

type Unwrapped<F> = F extends (request?: infer Req) => Promise<Envelope<infer Res>>
  ? (request?: Req) => Promise<Res>
  : never

export type Api = {
  [A in keyof BridgeApi]: { [V in keyof BridgeApi[A]]: Unwrapped<BridgeApi[A][V]> }
}

/** The refusal's sentence in the UI's language (the core words it in its default locale). */
function inUiLanguage(error: ErrorPayload): ErrorPayload {
  try {
    return { ...error, message: issueText(error, i18n.global.locale.value) }
  } catch {
    return error
  }
}

/** A call's result, or its refusal thrown as a CallError worded in the UI's language. */
export function settle<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result
  throw new CallError(inUiLanguage(envelope.error))
}

function unwrap(bridge: BridgeApi): Api {
  const out: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const [area, calls] of Object.entries(
    bridge as unknown as Record<string, Record<string, (r?: unknown) => Promise<Envelope<unknown>>>>
  )) {
    out[area] = {}
    for (const [verb, fn] of Object.entries(calls)) {
      out[area][verb] = async (request?: unknown) => settle(await fn(request))
    }
  }
  return out as unknown as Api
}

export const api: Api = unwrap(window.desk)
