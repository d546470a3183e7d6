import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import { HANDOVER_CHANNELS } from '../stages/stage-definitions'

type VaultCalls = Extract<keyof Handlers, `vault.${string}` | `credentials.${string}`>

/** How long a revealed secret stays on screen (and the window stays capture-protected). */
export const REVEAL_SECONDS = 30

export function vaultHandlers(core: Core): Pick<Handlers, VaultCalls> {
  const { vault } = core
  const clearAfter = (): number => core.deps.settings.get().clipboardClearSeconds
  const copy = async (text: string): Promise<{ concealed: boolean }> => {
    if (!core.deps.secrets) throw new DeskError('CLIPBOARD_UNAVAILABLE')
    return core.deps.secrets.copy(text, clearAfter())
  }
  return {
    'vault.status': () => vault.status(),
    'vault.setup': ({ passphrase }) => vault.setup(passphrase),
    'vault.unlock': async ({ passphrase }) => {
      const status = await vault.unlock(passphrase)
      core.idleLock.touch()
      return status
    },
    'vault.unlockWithOs': async () => {
      const status = await vault.unlockWithOs()
      core.idleLock.touch()
      return status
    },
    'vault.lock': () => vault.lock(),
    'vault.changePassphrase': ({ oldPassphrase, newPassphrase }) =>
      vault.changePassphrase(oldPassphrase, newPassphrase),
    'vault.setOsUnlock': ({ enabled }) =>
      enabled ? vault.enableOsUnlock() : Promise.resolve(vault.disableOsUnlock()),
    'vault.touch': () => {
      core.idleLock.touch()
      return { locked: !vault.isUnlocked() }
    },
    'credentials.set': ({ customerId, field, value, deliveryId }) =>
      vault.setCredential(customerId, field, value, deliveryId ?? undefined),
    'credentials.list': ({ customerId }) => vault.listCredentials(customerId),
    'credentials.reveal': ({ customerId, field }) => {
      const value = vault.reveal(customerId, field)
      core.deps.secrets?.guardScreen(REVEAL_SECONDS * 1000)
      return { value, hideAfterSeconds: REVEAL_SECONDS }
    },
    'credentials.copy': async ({ customerId, field }) => {
      if (!core.deps.secrets) throw new DeskError('CLIPBOARD_UNAVAILABLE')
      const { concealed } = await copy(vault.copyValue(customerId, field))
      return { copied: true, concealed, clearAfterSeconds: clearAfter() }
    },
    'credentials.handoff': async ({ customerId, deliveryId, channel }) => {
      // The hand-off is recorded on this delivery: it must be the customer's own.
      if (deliveryId && core.deliveries.get(deliveryId).delivery.customerId !== customerId) {
        throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: deliveryId } })
      }
      const message = vault.handoffMessage(customerId, { deliveryId, channel })
      let copied = false
      if (core.deps.secrets) {
        await copy(message)
        core.deps.secrets.guardScreen(REVEAL_SECONDS * 1000)
        copied = true
      }
      // The backend_config stage records when and how the keys went to the customer.
      if (deliveryId) {
        const via = HANDOVER_CHANNELS.some((c) => c.value === channel) ? channel : undefined
        core.deliveries.updateStage({
          deliveryId,
          stage: 'backend_config',
          answers: {
            keys_handed_over_on: core.today(),
            ...(via ? { keys_handed_over_via: via } : {})
          }
        })
      }
      return { message, copied, clearAfterSeconds: copied ? clearAfter() : null }
    }
  }
}
