import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { Definitions } from '@core/contract/contract'
import type { Localized, StageDefinition, StageKey } from '@core/stages/stage-definitions'
import { api } from '@/api/client'
import { i18n } from '@/i18n'

/** Stage definitions and the playbook: data from the core, loaded once. */
export const useDefinitionsStore = defineStore('definitions', () => {
  const defs = shallowRef<Definitions | null>(null)
  let loading: Promise<Definitions> | null = null

  async function load(): Promise<Definitions> {
    if (defs.value) return defs.value
    loading ??= api.stages.definitions().then((d) => (defs.value = d))
    return loading
  }

  function stage(key: StageKey): StageDefinition | undefined {
    return defs.value?.stages.find((s) => s.key === key)
  }

  return { defs, load, stage }
})

/** The text of a Localized pair in the current UI language. */
export function loc(text: Localized | undefined): string {
  if (!text) return ''
  return i18n.global.locale.value === 'en' ? text.en : text.zh
}

/** A stage title short enough for the stepper and the chart ("客户激活服务 / 配置数电账号" → "客户激活服务"). */
export function shortTitle(text: Localized | undefined): string {
  return loc(text).split(' / ')[0] ?? ''
}
