/**
 * The hand-off's record. Copying the runbook's message (CredentialService.handoff) only puts
 * the keys on the clipboard; that the message reached someone is a fact only the implementer
 * can state. This records it on the delivery's backend_config stage: who received the keys,
 * by which channel, on which day, and that it was sent — with an audit entry, never a value.
 */
import { DeskError } from '../errors/desk-error'
import { HANDOVER_CHANNELS } from '../stages/stage-definitions'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { DeliveryService } from '../deliveries/delivery-service'
import type { DeliveryDetail } from '../deliveries/delivery-types'
import type { HandoffConfirmation } from './handoff-types'

export const MAX_RECIPIENT_LENGTH = 50

export class HandoffConfirmations {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly deliveries: DeliveryService
  ) {}

  /** Records that the key message was sent; the stage write and the audit entry commit together. */
  confirm(input: HandoffConfirmation): DeliveryDetail {
    return this.ctx.db.transaction(() => this.confirmNow(input)).immediate()
  }

  private confirmNow(input: HandoffConfirmation): DeliveryDetail {
    const recipient = input.recipient.trim()
    if (!recipient) throw new DeskError('REQUIRED', { field: 'recipient' })
    if (Array.from(recipient).length > MAX_RECIPIENT_LENGTH) {
      throw new DeskError('TOO_LONG', { field: 'recipient', params: { max: MAX_RECIPIENT_LENGTH } })
    }
    if (!HANDOVER_CHANNELS.some((c) => c.value === input.channel)) {
      throw new DeskError('REQUIRED', { field: 'channel' })
    }
    const current = this.deliveries.get(input.deliveryId)
    // A delivery of another customer is refused as if it did not exist (as the hand-off does).
    if (current.delivery.customerId !== input.customerId) {
      throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: input.deliveryId } })
    }
    const sentOn = input.sentOn ?? this.ctx.today()
    const detail = this.deliveries.updateStage({
      deliveryId: input.deliveryId,
      stage: 'backend_config',
      answers: {
        keys_handed_over_on: sentOn,
        keys_handed_over_via: input.channel,
        keys_recipient: recipient,
        keys_sent: true
      }
    })
    recordAudit(this.ctx, 'credential.handoff_confirmed', 'customer', input.customerId, {
      deliveryId: input.deliveryId,
      recipient,
      channel: input.channel,
      sentOn
    })
    return detail
  }
}
