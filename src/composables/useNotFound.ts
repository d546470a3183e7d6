import { ref, type Ref } from 'vue'
import { CallError } from '@/api/call-error'

/**
 * The not-found state of a page showing one record: `load` runs the work and turns a
 * NOT_FOUND refusal into `notFound`; any other error is thrown again.
 */
export function useNotFound(): {
  notFound: Ref<boolean>
  load<T>(work: () => Promise<T>): Promise<T | undefined>
} {
  const notFound = ref(false)
  async function load<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work()
      notFound.value = false
      return result
    } catch (e) {
      if (e instanceof CallError && e.code === 'NOT_FOUND') {
        notFound.value = true
        return undefined
      }
      throw e
    }
  }
  return { notFound, load }
}
