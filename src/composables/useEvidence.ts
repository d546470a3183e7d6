import { computed, reactive, ref, type ComputedRef, type Ref } from 'vue'
import type { StageKey } from '@core/stages/stage-definitions'
import {
  EVIDENCE_IMAGE_MIMES,
  type EvidenceAddResult,
  type EvidenceItem,
  type EvidenceOpenResult,
  type EvidencePreview
} from '@core/evidence/evidence-types'

/** The evidence calls this state needs; the app passes `api.evidence`, tests a fake. */
export interface EvidenceCalls {
  list(request: { deliveryId: number }): Promise<EvidenceItem[]>
  add(request: { deliveryId: number; stage: StageKey }): Promise<EvidenceAddResult>
  preview(request: { id: number }): Promise<EvidencePreview>
  open(request: { id: number }): Promise<EvidenceOpenResult>
  remove(request: { id: number }): Promise<EvidenceItem>
}

export interface EvidenceState {
  /** every attachment of the delivery, in the order added */
  items: Ref<EvidenceItem[]>
  /** the attachments of the selected stage */
  forStage: ComputedRef<EvidenceItem[]>
  /** small data URLs by attachment id, drawn in the page from the image's bytes */
  thumbnails: Record<number, string>
  load(): Promise<void>
  /** asks the main process's open dialog; null when cancelled */
  add(): Promise<EvidenceItem | null>
  /** asks the main process's save dialog; the path written, or null when cancelled */
  saveCopy(id: number): Promise<string | null>
  remove(id: number): Promise<void>
}

export function isImageItem(item: Pick<EvidenceItem, 'mime'>): boolean {
  return (EVIDENCE_IMAGE_MIMES as readonly string[]).includes(item.mime)
}

/** "1.2 MB", "34 KB": sizes as a list shows them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/**
 * A delivery's evidence and the selected stage's share of it. Thumbnails are made once per
 * attachment from its bytes by `shrink` (a canvas in the page), and the full bytes are not
 * kept. Refusals (CallError) reach the caller, which shows them.
 */
export function useEvidence(options: {
  calls: EvidenceCalls
  deliveryId: () => number
  stage: () => StageKey
  shrink: (dataUrl: string) => Promise<string>
}): EvidenceState {
  const items = ref<EvidenceItem[]>([])
  const thumbnails = reactive<Record<number, string>>({})
  const forStage = computed(() => items.value.filter((i) => i.stage === options.stage()))

  async function thumbnail(item: EvidenceItem): Promise<void> {
    if (!isImageItem(item) || thumbnails[item.id]) return
    try {
      const { dataUrl } = await options.calls.preview({ id: item.id })
      thumbnails[item.id] = await options.shrink(dataUrl)
    } catch {
      // an image the page cannot draw is still listed by name
    }
  }

  async function load(): Promise<void> {
    items.value = await options.calls.list({ deliveryId: options.deliveryId() })
    await Promise.all(items.value.map(thumbnail))
  }

  async function add(): Promise<EvidenceItem | null> {
    const result = await options.calls.add({
      deliveryId: options.deliveryId(),
      stage: options.stage()
    })
    if (result.cancelled) return null
    await load()
    return result.item
  }

  async function saveCopy(id: number): Promise<string | null> {
    const result = await options.calls.open({ id })
    return result.cancelled ? null : result.path
  }

  async function remove(id: number): Promise<void> {
    await options.calls.remove({ id })
    delete thumbnails[id]
    items.value = items.value.filter((i) => i.id !== id)
  }

  return { items, forStage, thumbnails, load, add, saveCopy, remove }
}
