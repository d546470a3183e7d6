/**
 * The labeller: turns the keys a refusal carries (customer fields, stages, statuses, checklist
 * items, secrets, acceptance-form fields, CSV columns, problem codes) into words in one locale.
 * Refusals carry keys so that each language reads naturally; the CLI, the core's payload
 * message and the renderer (src/i18n/labels.ts) all label through here.
 *
 * Pure: the renderer may import it (it reads only data modules).
 */
import { CUSTOMER_FIELD_BY_KEY, CUSTOMER_FIELD_LABELS } from '../customers/customer-fields'
import { CREDENTIAL_FIELDS } from '../vault/credential-fields'
import { STAGES, STAGE_BY_KEY, type Localized, type StageKey } from '../stages/stage-definitions'
import { DEFAULT_CHECKLIST } from '../acceptance/acceptance-checklist'
import { LABEL_TEXTS } from './label-texts'
import type { IssueParams } from './desk-error'

export type Locale = 'zh-CN' | 'en'

export type LabelDomain =
  | 'stage'
  | 'stageStatus'
  /** what a stage needs before it is done: checklist item, customer field, delivery date, secret */
  | 'stageItem'
  | 'customerField'
  /** a customer field, else a secret (params named `field`) */
  | 'field'
  | 'credential'
  | 'formField'
  | 'csvColumn'
  | 'csvReason'
  | 'signatureProblem'
  | 'scanProblem'
  | 'inputProblem'

const pick = (text: Localized, locale: Locale): string => (locale === 'en' ? text.en : text.zh)

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined
}

/** `<stage>.<item>` or a bare item key (item keys are unique across stages). */
function checklistItem(key: string, locale: Locale): string | undefined {
  const [stage, item] = key.includes('.') ? key.split('.', 2) : [undefined, key]
  const stages = stage ? [own(STAGE_BY_KEY, stage)].filter((s) => s !== undefined) : STAGES
  for (const s of stages) {
    const found = s.checklist.find((i) => i.key === item)
    if (found) return pick(found.label, locale)
  }
  return undefined
}

function customerField(key: string, locale: Locale): string | undefined {
  const label = own(CUSTOMER_FIELD_LABELS, key.replace(/^customer\./, ''))
  return label && pick(label, locale)
}

function credential(key: string, locale: Locale): string | undefined {
  const bare = key.replace(/^credentials?\./, '')
  const def = CREDENTIAL_FIELDS.find((f) => f.key === bare)
  return def && pick(def.label, locale)
}

function stageItem(key: string, locale: Locale): string | undefined {
  const texts = LABEL_TEXTS[locale]
  if (/^credentials?\./.test(key)) {
    const label = credential(key, locale)
    return label && texts.inVault.replace('{label}', label)
  }
  const bare = key.replace(/^(customer|delivery|answers)\./, '')
  return (
    checklistItem(key.replace(/^answers\./, ''), locale) ??
    customerField(bare, locale) ??
    own(texts.deliveryField, bare)
  )
}

function formField(key: string, locale: Locale): string | undefined {
  const texts = LABEL_TEXTS[locale]
  const bare = key.replace(/^signatures\./, '')
  const label = own(texts.formField, bare)
  if (label) return label
  const row = /^checklist\.(.+)$/.exec(bare)?.[1]
  if (row === undefined) return undefined
  const item = DEFAULT_CHECKLIST.find((r) => r.key === row)?.item ?? row
  return texts.checklistRow.replace('{item}', item)
}

function csvColumn(key: string, locale: Locale): string {
  const def = own(CUSTOMER_FIELD_BY_KEY, key)
  if (!def) return key
  // a header may be written either way, so both spellings are shown
  const header = def.csvHeaders[0] ?? key
  return locale === 'en' ? `${key} (${header})` : `${header}（${key}）`
}

/** The words for one key, or the key itself when it names nothing known (user input). */
export function labelKey(domain: LabelDomain, key: string, locale: Locale = 'zh-CN'): string {
  const texts = LABEL_TEXTS[locale]
  let label: string | undefined
  switch (domain) {
    case 'stage': {
      const def = own(STAGE_BY_KEY, key as StageKey)
      label = def && pick(def.title, locale)
      break
    }
    case 'stageStatus':
      label = own(texts.stageStatus, key)
      break
    case 'stageItem':
      label = stageItem(key, locale)
      break
    case 'customerField':
      label = customerField(key, locale)
      break
    case 'field':
      label = customerField(key, locale) ?? credential(key, locale)
      break
    case 'credential':
      label = credential(key, locale)
      break
    case 'formField':
      label = formField(key, locale)
      break
    case 'csvColumn':
      label = csvColumn(key, locale)
      break
    case 'csvReason':
      label = own(texts.csvReason, key)
      break
    case 'signatureProblem':
      label = own(texts.signatureProblem, key)
      break
    case 'scanProblem':
      label = own(texts.scanProblem, key)
      break
    case 'inputProblem':
      label = own(texts.inputProblem, key)
      break
  }
  return label ?? key
}

/** Lists read as lists in each language. */
export function joinLabels(labels: readonly string[], locale: Locale = 'zh-CN'): string {
  return labels.join(locale === 'en' ? ', ' : '、')
}

/** Which params hold keys, by name; a code may say otherwise (PARAMS_BY_CODE). */
const PARAMS_BY_NAME: Readonly<Record<string, LabelDomain>> = {
  stage: 'stage',
  status: 'stageStatus',
  item: 'stageItem',
  missing: 'stageItem',
  field: 'field'
}

const PARAMS_BY_CODE: Readonly<Record<string, Readonly<Record<string, LabelDomain | null>>>> = {
  FORM_INCOMPLETE: { missing: 'formField', item: 'formField' },
  REQUIRED: { item: 'formField' },
  CSV_HEADER: { missing: 'csvColumn', reason: 'csvReason' },
  CREDENTIAL_NOT_SET: { field: 'credential' },
  CREDENTIALS_INCOMPLETE: { missing: 'credential' },
  SIGNATURE_IMAGE: { problem: 'signatureProblem' },
  SCAN_FILE: { problem: 'scanProblem' },
  // `field` is the path the contract or form schema refused; `rule` a zod code or a named rule
  VALIDATION: { field: null, rule: 'inputProblem' },
  // what the caller sent, shown as sent
  UNKNOWN_CHECKLIST_ITEM: { item: null },
  UNKNOWN_CREDENTIAL_FIELD: { field: null }
}

/**
 * The params of a refusal or warning ready to interpolate: keys become labels, lists are
 * joined, and the few messages with two shapes get their `detail` composed here.
 */
export function labelParams(
  code: string,
  params: IssueParams | undefined,
  locale: Locale = 'zh-CN'
): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  if (!params) return out
  const byCode = own(PARAMS_BY_CODE, code) ?? {}
  for (const [name, value] of Object.entries(params)) {
    const domain = name in byCode ? byCode[name] : own(PARAMS_BY_NAME, name)
    const label = (key: string): string => (domain ? labelKey(domain, key, locale) : key)
    // a list some service still joins into one string is read as the list it is
    const list = Array.isArray(value)
      ? value
      : name === 'missing' && typeof value === 'string' && /[,、]/.test(value)
        ? value.split(/\s*[,、]\s*/)
        : null
    if (list) out[name] = joinLabels(list.map(label), locale)
    else if (typeof value === 'string') out[name] = label(value)
    else if (typeof value === 'number') out[name] = value
  }
  const texts = LABEL_TEXTS[locale]
  if (code === 'CSV_HEADER' && out.detail === undefined) {
    out.detail =
      out.reason !== undefined
        ? out.reason
        : texts.csvMissingColumns.replace('{missing}', String(out.missing ?? ''))
  }
  if (code === 'VALIDATION' && out.detail === undefined) {
    out.detail = texts.inputAt
      .replace('{path}', String(out.field ?? '') || '(root)')
      .replace('{problem}', String(out.rule ?? ''))
  }
  return out
}
