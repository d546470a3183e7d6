/** GBK bytes for a string, from Node's own GB18030 decoder read backwards (no encoder ships). */
const gbkTable = (() => {
  const decoder = new TextDecoder('gb18030')
  const map = new Map<string, number[]>()
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([a, b]))
      if (ch.length === 1 && !map.has(ch)) map.set(ch, [a, b])
    }
  }
  return map
})()

export function gbk(text: string): Buffer {
  const bytes: number[] = []
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 0x80) bytes.push(code)
    else {
      const pair = gbkTable.get(ch)
      if (!pair) throw new Error(`not in GBK: ${ch}`)
      bytes.push(...pair)
    }
  }
  return Buffer.from(bytes)
}
