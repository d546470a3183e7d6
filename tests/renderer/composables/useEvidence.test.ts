import { describe, expect, it } from 'vitest'
import { effectScope, ref } from 'vue'
import type { EvidenceItem } from '@core/evidence/evidence-types'
import type { StageKey } from '@core/stages/stage-definitions'
import { CallError } from '@/api/call-error'
import { formatSize, useEvidence, type EvidenceCalls } from '@/composables/useEvidence'

function item(id: number, stage: StageKey, mime: EvidenceItem['mime']): EvidenceItem {
  return {
    id,
    deliveryId: 3,
    stage,
    name: `f${id}`,
    mime,
    size: 2048,
    sha256: String(id).repeat(64).slice(0, 64),
    addedAt: '2026-11-26T09:00:00.000Z',
    addedBy: '王实施'
  }
}

/** Calls backed by a list in memory, recording what was asked. */
function fakeCalls(stored: EvidenceItem[], dialog: { open: boolean; save: string | null }) {
  const asked: string[] = []
  const calls: EvidenceCalls = {
    list: async ({ deliveryId }) => {
      asked.push(`list ${deliveryId}`)
      return stored.filter((i) => i.deliveryId === deliveryId)
    },
    add: async ({ stage }) => {
      asked.push(`add ${stage}`)
      if (!dialog.open) return { cancelled: true }
      const added = item(stored.length + 1, stage, 'image/jpeg')
      stored.push(added)
      return { cancelled: false, item: added }
    },
    preview: async ({ id }) => {
      asked.push(`preview ${id}`)
      if (id === 99) throw new CallError({ code: 'NOT_FOUND', message: '', messageKey: '' })
      return { id, mime: 'image/png', dataUrl: `data:image/png;base64,FULL${id}` }
    },
    open: async ({ id }) => {
      asked.push(`open ${id}`)
      return dialog.save === null
        ? { cancelled: true }
        : { cancelled: false, path: dialog.save, sha256: 'x', size: 1 }
    },
    remove: async ({ id }) => {
      asked.push(`remove ${id}`)
      const at = stored.findIndex((i) => i.id === id)
      const [removed] = stored.splice(at, 1)
      if (!removed) throw new CallError({ code: 'NOT_FOUND', message: '', messageKey: '' })
      return removed
    }
  }
  return { calls, asked }
}

function inScope<T>(make: () => T): T {
  let made: T | undefined
  effectScope().run(() => (made = make()))
  return made as T
}

describe('a stage card’s evidence', () => {
  it('lists the selected stage’s share and makes a thumbnail for images only', async () => {
    const stored = [
      item(1, 'activation', 'image/png'),
      item(2, 'linglong_config', 'application/pdf'),
      item(3, 'activation', 'application/ofd')
    ]
    const { calls, asked } = fakeCalls(stored, { open: true, save: null })
    const stage = ref<StageKey>('activation')
    const state = inScope(() =>
      useEvidence({
        calls,
        deliveryId: () => 3,
        stage: () => stage.value,
        shrink: async (url) => url.replace('FULL', 'SMALL')
      })
    )
    await state.load()
    expect(state.forStage.value.map((i) => i.id)).toEqual([1, 3])
    expect({ ...state.thumbnails }).toEqual({ 1: 'data:image/png;base64,SMALL1' })
    expect(asked).toEqual(['list 3', 'preview 1'])
    stage.value = 'linglong_config'
    expect(state.forStage.value.map((i) => i.id)).toEqual([2])
    // a thumbnail is made once per attachment
    await state.load()
    expect(asked.filter((a) => a.startsWith('preview'))).toEqual(['preview 1'])
  })

  it('adds to the selected stage through the dialog, and does nothing when cancelled', async () => {
    const stored: EvidenceItem[] = []
    const dialog = { open: false, save: null }
    const { calls } = fakeCalls(stored, dialog)
    const state = inScope(() =>
      useEvidence({ calls, deliveryId: () => 3, stage: () => 'support', shrink: async (u) => u })
    )
    expect(await state.add()).toBeNull()
    expect(state.items.value).toEqual([])
    dialog.open = true
    const added = await state.add()
    expect(added?.stage).toBe('support')
    expect(state.forStage.value).toEqual([added])
    expect(state.thumbnails[added?.id ?? 0]).toBe(`data:image/png;base64,FULL${added?.id}`)
  })

  it('saves a copy where the dialog says, answering null when cancelled', async () => {
    const dialog: { open: boolean; save: string | null } = { open: true, save: null }
    const { calls } = fakeCalls([item(1, 'activation', 'application/pdf')], dialog)
    const state = inScope(() =>
      useEvidence({ calls, deliveryId: () => 3, stage: () => 'activation', shrink: async (u) => u })
    )
    expect(await state.saveCopy(1)).toBeNull()
    dialog.save = '/home/u/发票.pdf'
    expect(await state.saveCopy(1)).toBe('/home/u/发票.pdf')
  })

  it('removes an attachment and its thumbnail; a refusal reaches the caller', async () => {
    const { calls } = fakeCalls([item(1, 'activation', 'image/png')], { open: true, save: null })
    const state = inScope(() =>
      useEvidence({ calls, deliveryId: () => 3, stage: () => 'activation', shrink: async (u) => u })
    )
    await state.load()
    await state.remove(1)
    expect(state.items.value).toEqual([])
    expect(state.thumbnails[1]).toBeUndefined()
    await expect(state.remove(1)).rejects.toBeInstanceOf(CallError)
  })

  it('lists an image whose preview fails, without a thumbnail', async () => {
    const { calls } = fakeCalls([item(99, 'activation', 'image/png')], { open: true, save: null })
    const state = inScope(() =>
      useEvidence({ calls, deliveryId: () => 3, stage: () => 'activation', shrink: async (u) => u })
    )
    await state.load()
    expect(state.forStage.value.map((i) => i.id)).toEqual([99])
    expect(state.thumbnails[99]).toBeUndefined()
  })

  it('shows sizes in KB or MB', () => {
    expect(formatSize(300)).toBe('1 KB')
    expect(formatSize(34 * 1024)).toBe('34 KB')
    expect(formatSize(1.25 * 1024 * 1024)).toBe('1.3 MB')
  })
})
