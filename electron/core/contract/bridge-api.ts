/** The shape of `window.desk`, derived from the contract: one object per area, one function per call. */
import type { CallName } from './call-names'
import type { Request, Response } from './contract'
import type { Envelope } from './envelope'

type AreaOf<N extends string> = N extends `${infer A}.${string}` ? A : never
type VerbOf<N extends string, A extends string> = N extends `${A}.${infer V}` ? V : never

export type CallOf<A extends string, V extends string> = Extract<CallName, `${A}.${V}`>

export type BridgeApi = {
  [A in AreaOf<CallName>]: {
    [V in VerbOf<CallName, A>]: (
      request?: Request<CallOf<A, V>>
    ) => Promise<Envelope<Response<CallOf<A, V>>>>
  }
}
