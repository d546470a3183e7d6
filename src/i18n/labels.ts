/**
 * The renderer's labeller: the keys a refusal carries (customer fields, stages, statuses,
 * checklist items, secrets, acceptance-form fields, CSV columns) as words in the current UI
 * language. It is the core's labeller (@core/errors/labels) with the locale filled in, so the
 * app, the CLI and the core's payload message say the same thing.
 *
 * No DOM and no vue-i18n instance here: `locale` is passed in (see index.ts), which keeps
 * this module testable in plain Node.
 */
import type { MessageContext, MessageFunction } from 'vue-i18n'
import type { ErrorCode, FieldIssue, IssueParams, WarningCode } from '@core/errors/desk-error'
import { labelKey, labelParams, joinLabels, type LabelDomain } from '@core/errors/labels'
import { ISSUE_MESSAGES, interpolate, issueMessage, type Locale } from '@core/errors/messages'
import { CUSTOMER_FIELD_LABELS, type CustomerFieldKey } from '@core/customers/customer-fields'

export type { LabelDomain, Locale }
export { joinLabels }

/** One key as words in `locale`; the key itself when it names nothing known. */
export function keyLabel(domain: LabelDomain, key: string, locale: Locale): string {
  return labelKey(domain, key, locale)
}

/** The customer fields' names in one language, for the `fields.*` messages. */
export function customerFieldLabels(lang: 'zh' | 'en'): Record<CustomerFieldKey, string> {
  return Object.fromEntries(
    Object.entries(CUSTOMER_FIELD_LABELS).map(([key, label]) => [key, label[lang]])
  ) as Record<CustomerFieldKey, string>
}

/** The sentence for a refusal or warning: its code's text with every key param labelled. */
export function issueText(
  issue: Pick<FieldIssue<ErrorCode | WarningCode>, 'code' | 'params'>,
  locale: Locale,
  kind: 'errors' | 'warnings' = 'errors'
): string {
  return issueMessage(kind, issue.code, issue.params, locale)
}

// names labelParams reads besides the template's own placeholders (it composes `detail`)
const COMPOSED_FROM = ['missing', 'reason', 'field', 'rule']

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
}

/**
 * vue-i18n message functions for `errors.*` / `warnings.*`: `t('errors.STAGE_INCOMPLETE',
 * params)` anywhere in the app labels the keys in params instead of printing them raw.
 */
export function issueMessageFunctions<K extends 'errors' | 'warnings'>(
  locale: Locale,
  kind: K
): Record<keyof (typeof ISSUE_MESSAGES)['zh-CN'][K], MessageFunction<string>> {
  const table = ISSUE_MESSAGES[locale][kind] as Record<string, string>
  const out: Record<string, MessageFunction<string>> = {}
  for (const [code, template] of Object.entries(table)) {
    const names = [...new Set([...placeholders(template), ...COMPOSED_FROM])]
    out[code] = (ctx: MessageContext<string>) => {
      const params: IssueParams = {}
      for (const name of names) {
        const value = ctx.named(name)
        if (typeof value === 'string' || typeof value === 'number') params[name] = value
        else if (Array.isArray(value)) params[name] = value.map(String)
      }
      return interpolate(template, labelParams(code, params, locale))
    }
  }
  return out as Record<keyof (typeof ISSUE_MESSAGES)['zh-CN'][K], MessageFunction<string>>
}
