/**
 * Copying the key message is not sending it: only the confirmation records who received the
 * keys, by which channel and that they were sent, through the same dispatch the app uses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { createHandlers } from '../../../electron/core/handlers'
import type { Handlers } from '../../../electron/core/contract/contract'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
let handlers: Handlers
let lanzhou: number
let delivery: number
let theirs: number

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  handlers = createHandlers(t.core)
  lanzhou = t.core.customers.create(LANZHOU).customer.id
  const shenzhen = t.core.customers.create(SHENZHEN).customer.id
  delivery = t.core.deliveries.create(lanzhou, {}).delivery.id
  theirs = t.core.deliveries.create(shenzhen, {}).delivery.id
})
afterEach(() => t.cleanup())

const backendConfig = (id: number) =>
  t.core.deliveries.get(id).stages.find((s) => s.stage === 'backend_config')!.answers

describe('confirming the key hand-off', () => {
  it('records recipient, channel, date and 已发送 on backend_config, with an audit entry', async () => {
    const r = await dispatch(handlers, 'credentials.confirmHandoff', {
      customerId: lanzhou,
      deliveryId: delivery,
      recipient: ' 张伟 ',
      channel: 'wechat'
    })
    expect(r.ok).toBe(true)
    expect(backendConfig(delivery)).toMatchObject({
      keys_recipient: '张伟',
      keys_handed_over_via: 'wechat',
      keys_handed_over_on: t.core.today(),
      keys_sent: true
    })
    const audit = t.core.audit.list({ action: 'credential.handoff_confirmed' }).items
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actor: '王实施',
      entityId: lanzhou,
      details: { deliveryId: delivery, recipient: '张伟', channel: 'wechat' }
    })
  })

  it('leaves the stage unfinished until the keys are confirmed sent', () => {
    const missing = t.core.deliveries
      .get(delivery)
      .stages.find((s) => s.stage === 'backend_config')!
      .missing.map((m) => m.field)
    expect(missing).toEqual(expect.arrayContaining(['answers.keys_recipient', 'answers.keys_sent']))
  })

  it('refuses an empty recipient, an unknown channel and another customer’s delivery', async () => {
    const call = (payload: Record<string, unknown>) =>
      dispatch(handlers, 'credentials.confirmHandoff', {
        customerId: lanzhou,
        deliveryId: delivery,
        recipient: '张伟',
        channel: 'email',
        ...payload
      })
    const empty = await call({ recipient: '  ' })
    expect(empty.ok ? null : empty.error).toMatchObject({ code: 'REQUIRED', field: 'recipient' })
    const pigeon = await call({ channel: 'pigeon' })
    expect(pigeon.ok ? null : pigeon.error.code).toBe('VALIDATION')
    const other = await call({ deliveryId: theirs })
    expect(other.ok ? null : other.error).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' })
    expect(backendConfig(delivery).keys_sent).toBeUndefined()
    expect(backendConfig(theirs).keys_sent).toBeUndefined()
    expect(t.core.audit.list({ action: 'credential.handoff_confirmed' }).total).toBe(0)
  })
})
