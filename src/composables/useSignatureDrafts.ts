/**
 * Signatures drawn or uploaded on the page and not yet sent to the core, per signing party.
 * A draft replaces the stored image when saved; removing a signature clears both.
 */
import { reactive, type Ref } from 'vue'
import {
  checkSignatureImage,
  readImageInfo,
  type AcceptanceForm,
  type SignatureImage
} from '@core/acceptance/acceptance-form'
import type { SignatureImageProblem } from '@core/acceptance/signature-image'
import { SIGNING_PARTIES, type SigningParty } from '@core/acceptance/acceptance-types'

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // in chunks: spreading a whole image into fromCharCode overflows the call stack
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** An uploaded file's bytes as a signature image; the type comes from the bytes. */
export function imageFromUpload(
  bytes: Uint8Array,
  declaredType: string
): SignatureImage | { problem: SignatureImageProblem } {
  const mime =
    readImageInfo(bytes)?.mime ?? (declaredType === 'image/jpeg' ? 'image/jpeg' : 'image/png')
  const image: SignatureImage = { mime, base64: bytesToBase64(bytes) }
  const problem = checkSignatureImage(image)
  return problem ? { problem } : image
}

export function imageSrc(image: SignatureImage): string {
  return `data:${image.mime};base64,${image.base64}`
}

export function useSignatureDrafts(form: Ref<AcceptanceForm | null>) {
  const pending = reactive<Record<SigningParty, SignatureImage | null>>({
    customer: null,
    implementer: null
  })
  const drawing = reactive<Record<SigningParty, boolean>>({ customer: false, implementer: false })

  function startDrawing(party: SigningParty): void {
    pending[party] = null
    drawing[party] = true
  }
  function cancelDrawing(party: SigningParty): void {
    pending[party] = null
    drawing[party] = false
  }
  function drawn(party: SigningParty, base64: string | null): void {
    pending[party] = base64 ? { mime: 'image/png', base64 } : null
  }
  /** an uploaded image replaces the pad and any draft */
  function accept(party: SigningParty, image: SignatureImage): void {
    drawing[party] = false
    pending[party] = image
  }
  function remove(party: SigningParty): void {
    cancelDrawing(party)
    if (form.value) form.value.signatures[party].image = null
  }
  /** the image to show: the draft, else the stored one */
  function shown(party: SigningParty): SignatureImage | null {
    return pending[party] ?? form.value?.signatures[party].image ?? null
  }
  const any = (): boolean => SIGNING_PARTIES.some((p) => pending[p] !== null)
  /** parties with a draft but no signer name: the core refuses a signature without one */
  const unnamed = (): SigningParty[] =>
    SIGNING_PARTIES.filter((p) => pending[p] && form.value?.signatures[p].signerName.trim() === '')

  return {
    pending,
    drawing,
    startDrawing,
    cancelDrawing,
    drawn,
    accept,
    remove,
    shown,
    any,
    unnamed
  }
}

export type SignatureDrafts = ReturnType<typeof useSignatureDrafts>
