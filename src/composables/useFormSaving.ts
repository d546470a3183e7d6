import { computed, ref, type ComputedRef, type Ref } from 'vue'

/** Two plain-data values hold the same content (forms are JSON: strings, numbers, arrays). */
export function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export interface FormSaving<A extends string> {
  /** the action running now; the page runs one at a time */
  busy: Ref<A | null>
  /** the edited value differs from the stored one, or something else is still to be sent */
  dirty: ComputedRef<boolean>
  /** the edited value differs from the stored one */
  edited: ComputedRef<boolean>
  /** runs an action unless another one is running */
  run(action: A, work: () => Promise<void>): Promise<void>
}

/**
 * Saving and dirty tracking of a form edited as a copy of the stored value: `current` is the
 * copy, `stored` what the core last answered, `pending` anything else not yet sent.
 */
export function useFormSaving<A extends string, T>(options: {
  current: () => T | null
  stored: () => T | null
  pending?: () => boolean
}): FormSaving<A> {
  const busy = ref<A | null>(null) as Ref<A | null>
  const edited = computed(() => {
    const current = options.current()
    const stored = options.stored()
    return current !== null && stored !== null && !sameContent(current, stored)
  })
  const dirty = computed(() => (options.pending?.() ?? false) || edited.value)
  async function run(action: A, work: () => Promise<void>): Promise<void> {
    if (busy.value) return
    busy.value = action
    try {
      await work()
    } finally {
      busy.value = null
    }
  }
  return { busy, dirty, edited, run }
}
