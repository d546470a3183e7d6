/**
 * Deleting a secret (with its history) and purging an archived customer's history, for the
 * credentials panel: each asks for confirmation first; the core audits both.
 */
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import type { CredentialField } from '@core/vault/credential-fields'
import { api } from '@/api/client'

type Guarded = <T>(action: () => Promise<T>) => Promise<T | undefined>

export function useCredentialRemoval(
  customerId: () => number,
  guarded: Guarded,
  reload: () => Promise<void>
): {
  remove: (field: CredentialField) => Promise<void>
  purgeHistory: () => Promise<void>
} {
  const { t } = useI18n()
  const confirmed = (message: string): Promise<boolean> =>
    ElMessageBox.confirm(message, { type: 'warning' }).then(
      () => true,
      () => false
    )

  async function remove(field: CredentialField): Promise<void> {
    if (!(await confirmed(t('credentials.deleteConfirm')))) return
    const id = customerId()
    if (await guarded(() => api.credentials.delete({ customerId: id, field }))) await reload()
  }

  async function purgeHistory(): Promise<void> {
    if (!(await confirmed(t('credentials.purgeConfirm')))) return
    const id = customerId()
    const r = await guarded(() => api.credentials.purgeHistory({ customerId: id }))
    if (r) {
      ElMessage.success(t('credentials.purged', { n: r.removed }))
      await reload()
    }
  }

  return { remove, purgeHistory }
}
