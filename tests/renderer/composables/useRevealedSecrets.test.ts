import { describe, expect, it } from 'vitest'
import { useRevealedSecrets } from '@/composables/useRevealedSecrets'

describe('plaintext on screen', () => {
  it('counts each revealed value down and hides it when its time is up', () => {
    const s = useRevealedSecrets()
    s.show('fkey', 'fk-secret', 2)
    s.show('clientId', 'P3f9', 3)
    s.tick()
    expect(s.shown.fkey).toEqual({ value: 'fk-secret', left: 1 })
    s.tick()
    expect(s.shown.fkey).toBeUndefined()
    expect(s.shown.clientId?.left).toBe(1)
  })

  it('hides the hand-off message after its time, and everything at once on hideAll', () => {
    const s = useRevealedSecrets()
    s.showHandoff('clientId: P3f9…', 1)
    s.tick()
    expect(s.handoff.message).toBe('')
    s.show('fkey', 'fk-secret', 30)
    s.showHandoff('message', 30)
    s.hideAll()
    expect(Object.keys(s.shown)).toEqual([])
    expect(s.handoff.message).toBe('')
  })
})
