import { describe, expect, it } from 'vitest'
import { effectScope, ref } from 'vue'
import { deflateSync } from 'node:zlib'
import { createDraftForm, type AcceptanceForm } from '@core/acceptance/acceptance-form'
import {
  bytesToBase64,
  imageFromUpload,
  useSignatureDrafts
} from '@/composables/useSignatureDrafts'

function drafts() {
  const form = ref<AcceptanceForm | null>(createDraftForm({ formNumber: 'YS-1' }))
  let made: ReturnType<typeof useSignatureDrafts> | undefined
  effectScope().run(() => (made = useSignatureDrafts(form)))
  return { form, drafts: made! }
}

/** A real 1×1 PNG. */
function png(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (b: Buffer): number => {
    let c = 0xffffffff
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(1, 0)
  ihdr.writeUInt32BE(1, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from([0, 0, 0, 0, 0]))),
      chunk('IEND', Buffer.alloc(0))
    ])
  )
}

describe('signature drafts', () => {
  it('shows a drawn draft over the stored image until it is removed, which clears both', () => {
    const { form, drafts: d } = drafts()
    form.value!.signatures.customer.image = { mime: 'image/png', base64: 'c3RvcmVk' }
    d.startDrawing('customer')
    expect(d.drawing.customer).toBe(true)
    d.drawn('customer', 'ZHJhd24=')
    expect(d.shown('customer')).toEqual({ mime: 'image/png', base64: 'ZHJhd24=' })
    expect(d.any()).toBe(true)
    d.remove('customer')
    expect(d.shown('customer')).toBeNull()
    expect(form.value!.signatures.customer.image).toBeNull()
    expect(d.any()).toBe(false)
  })

  it('names the parties with a draft but no signer', () => {
    const { form, drafts: d } = drafts()
    d.drawn('customer', 'YQ==')
    d.accept('implementer', { mime: 'image/png', base64: 'Yg==' })
    form.value!.signatures.implementer.signerName = '李四'
    expect(d.unnamed()).toEqual(['customer'])
  })

  it('takes an uploaded image type from its bytes, not from the name the file was given', () => {
    const bytes = png()
    const image = imageFromUpload(bytes, 'image/jpeg')
    expect(image).toEqual({ mime: 'image/png', base64: Buffer.from(bytes).toString('base64') })
  })

  it('refuses an upload that is not an image', () => {
    expect(
      imageFromUpload(new TextEncoder().encode('%PDF-1.7 not an image'), 'image/png')
    ).toHaveProperty('problem')
  })

  it('encodes large images to base64 without overflowing the call stack', () => {
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251)
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
  })
})
