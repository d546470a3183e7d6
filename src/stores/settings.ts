import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Settings, SettingsPatch } from '@core/settings/settings-schema'
import { api } from '@/api/client'
import { i18n, type AppLocale } from '@/i18n'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null)

  function applyLocale(locale: AppLocale): void {
    i18n.global.locale.value = locale
    document.documentElement.lang = locale
  }

  async function load(): Promise<void> {
    settings.value = await api.settings.get()
    applyLocale(settings.value.locale)
  }

  async function update(patch: SettingsPatch): Promise<void> {
    settings.value = await api.settings.update(patch)
    applyLocale(settings.value.locale)
  }

  return { settings, load, update }
})
