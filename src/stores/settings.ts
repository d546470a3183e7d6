import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Settings, SettingsPatch } from '@core/settings/settings-schema'
import { needsFirstRun } from '@core/settings/first-run'
import { api, settle } from '@/api/client'
import { takeEarlySettings } from '@/api/first-page'
import { i18n, type AppLocale } from '@/i18n'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null)
  let loading: Promise<void> | null = null

  function applyLocale(locale: AppLocale): void {
    i18n.global.locale.value = locale
    document.documentElement.lang = locale
  }

  async function load(): Promise<void> {
    // at start-up they are on their way already (src/public/first-page.js)
    const early = takeEarlySettings()
    settings.value = early ? settle(await early) : await api.settings.get()
    applyLocale(settings.value.locale)
  }

  /** Loads once; the route guard and the shell both wait for the same call. */
  function ensureLoaded(): Promise<void> {
    if (settings.value) return Promise.resolve()
    loading ??= load().finally(() => {
      loading = null
    })
    return loading
  }

  async function update(patch: SettingsPatch): Promise<void> {
    settings.value = await api.settings.update(patch)
    applyLocale(settings.value.locale)
  }

  /** The implementer's name is not set yet: the first-run step comes before anything else. */
  const firstRunDue = computed(() => settings.value !== null && needsFirstRun(settings.value))

  return { settings, load, ensureLoaded, update, firstRunDue }
})
