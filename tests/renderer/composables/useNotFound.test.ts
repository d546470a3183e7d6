import { describe, expect, it } from 'vitest'
import { CallError } from '@/api/call-error'
import { useNotFound } from '@/composables/useNotFound'

describe('not-found state', () => {
  it('turns a NOT_FOUND refusal into the not-found state and answers nothing', async () => {
    const page = useNotFound()
    const result = await page.load(() =>
      Promise.reject(
        new CallError({ code: 'NOT_FOUND', message: 'gone', messageKey: 'errors.NOT_FOUND' })
      )
    )
    expect(result).toBeUndefined()
    expect(page.notFound.value).toBe(true)
  })

  it('answers what was loaded and throws other errors again', async () => {
    const page = useNotFound()
    expect(await page.load(async () => 42)).toBe(42)
    expect(page.notFound.value).toBe(false)
    const other = new CallError({
      code: 'VALIDATION',
      message: 'no',
      messageKey: 'errors.VALIDATION'
    })
    await expect(page.load(() => Promise.reject(other))).rejects.toBe(other)
    expect(page.notFound.value).toBe(false)
  })
})
