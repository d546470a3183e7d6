import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export type MessageSchema = typeof zhCN
export type AppLocale = 'zh-CN' | 'en'

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en }
})

/** The label of an audit action such as `stage.update`, or the action itself when unknown. */
export function auditActionLabel(action: string): string {
  const key = `audit.actions.${action}`
  return i18n.global.te(key) ? i18n.global.t(key) : action
}
