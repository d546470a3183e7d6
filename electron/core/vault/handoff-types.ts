/** What crosses the contract when the implementer confirms the key message was sent. */

export interface HandoffConfirmation {
  customerId: number
  /** the customer's own delivery; its backend_config stage records the hand-off */
  deliveryId: number
  /** who received the keys: the customer's designated contact */
  recipient: string
  /** a HANDOVER_CHANNELS value: 'wechat', 'email', 'in_person', 'phone', 'other' */
  channel: string
  /** the day it was sent, YYYY-MM-DD; today when absent */
  sentOn?: string
}
