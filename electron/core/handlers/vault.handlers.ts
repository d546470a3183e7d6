import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import { parseCredentialText } from '../vault/credential-paste'

// credentials.confirmHandoff records a fact, not a secret: handoff.handlers.ts serves it
type VaultCalls = Exclude<
  Extract<keyof Handlers, `vault.${string}` | `credentials.${string}`>,
  'credentials.confirmHandoff'
>

/** How long a revealed secret stays on screen (and the window stays capture-protected). */
export const REVEAL_SECONDS = 30

/** The vault's calls: keys go to core.vault, items to core.credentials; the clipboard stays here. */
export function vaultHandlers(core: Core): Pick<Handlers, VaultCalls> {
  const { vault, credentials } = core
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
      credentials.set(customerId, field, value, deliveryId ?? undefined),
    // Pure reading of the renderer's own text: no vault, no log, no audit (values are secrets).
    'credentials.parseText': ({ text }) => parseCredentialText(text),
    'credentials.setMany': ({ customerId, values, deliveryId }) => ({
      results: credentials.setMany(customerId, values, deliveryId ?? undefined)
    }),
    'credentials.list': ({ customerId }) => credentials.list(customerId),
    'credentials.reveal': ({ customerId, field }) => {
      const value = credentials.reveal(customerId, field)
      core.deps.secrets?.guardScreen(REVEAL_SECONDS * 1000)
      return { value, hideAfterSeconds: REVEAL_SECONDS }
    },
    'credentials.copy': async ({ customerId, field }) => {
      if (!core.deps.secrets) throw new DeskError('CLIPBOARD_UNAVAILABLE')
      const { concealed } = await copy(credentials.copyValue(customerId, field))
      return { copied: true, concealed, clearAfterSeconds: clearAfter() }
    },
    'credentials.delete': ({ customerId, field }) => credentials.delete(customerId, field),
    'credentials.purgeHistory': ({ customerId }) => credentials.purgeHistory(customerId),
    'credentials.handoff': async ({ customerId, deliveryId, channel }) => {
      // Ownership, the message, the stage write and the audit entry are the domain's.
      const message = credentials.handoff(customerId, { deliveryId, channel })
      if (!core.deps.secrets) return { message, copied: false, clearAfterSeconds: null }
      await copy(message)
      core.deps.secrets.guardScreen(REVEAL_SECONDS * 1000)
      return { message, copied: true, clearAfterSeconds: clearAfter() }
    }
  }
}
