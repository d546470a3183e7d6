/**
 * The confirmation dialog before a secret or its history is deleted: names the field and how
 * many earlier values go, says it cannot be undone and is audited; the danger button confirms,
 * Esc or Cancel keeps everything.
 */
import { ElMessageBox } from 'element-plus'
import type { RemovalQuestion } from '@/composables/useCredentialRemoval'

type Translate = (key: string, params?: Record<string, unknown>) => string

export function confirmRemoval(t: Translate): (question: RemovalQuestion) => Promise<boolean> {
  return (question) => {
    const key = question.kind === 'delete' ? 'delete' : 'purge'
    const params = question.kind === 'delete' ? { ...question } : { history: question.history }
    return ElMessageBox.confirm(
      t(`credentials.${key}Confirm`, params),
      t(`credentials.${key}Title`),
      {
        type: 'warning',
        confirmButtonText: t(`credentials.${key}Button`),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'el-button--danger',
        customClass: `removal-confirm removal-confirm-${key}`
      }
    ).then(
      () => true,
      () => false
    )
  }
}
