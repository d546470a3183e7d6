/**
 * Small real images for the acceptance tests: a PNG encoder (so signatures can be drawn at
 * any size) and a JPEG made once with poppler's pdftoppm from a hand-written PDF stroke.
 */
import { deflateSync } from 'node:zlib'
import { pngChunk as chunk } from '../../../../electron/core/acceptance/pdf/pdf-image'

/** An 8-bit RGBA PNG of the given pixels (row-major, 4 bytes each). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    // each row starts with filter type 0 (none)
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1
    )
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0))
  ])
}

/** A handwriting-like ink stroke on a transparent background, as signature_pad exports. */
export function drawSignaturePng(width = 600, height = 200): Buffer {
  const rgba = new Uint8Array(width * height * 4)
  const ink = [20, 20, 60]
  const pen = Math.max(2, Math.round(height / 40))
  const dot = (cx: number, cy: number) => {
    for (let y = Math.floor(cy - pen); y <= cy + pen; y++)
      for (let x = Math.floor(cx - pen); x <= cx + pen; x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue
        if ((x - cx) ** 2 + (y - cy) ** 2 > pen * pen) continue
        const i = (y * width + x) * 4
        rgba.set([ink[0] ?? 0, ink[1] ?? 0, ink[2] ?? 0, 255], i)
      }
  }
  for (let t = 0; t <= 1; t += 1 / (width * 4)) {
    const x = width * (0.08 + 0.84 * t)
    const y = height * (0.5 - 0.25 * Math.sin(t * Math.PI * 7) * (1 - 0.5 * t) + 0.1 * t)
    dot(x, y)
  }
  for (let t = 0; t <= 1; t += 1 / (width * 2))
    dot(width * (0.15 + 0.7 * t), height * (0.82 - 0.04 * t))
  return encodePng(width, height, rgba)
}

/** 320 × 107 baseline JFIF JPEG, a blue stroke on white. */
export const SIGNATURE_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KS' +
  'EiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7' +
  'Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCABrAUADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAw' +
  'QFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkK' +
  'FhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmq' +
  'KjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEB' +
  'AQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRob' +
  'HBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOE' +
  'hYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+P' +
  'n6/9oADAMBAAIRAxEAPwD2aiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiii' +
  'gAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKK' +
  'KACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiqWp6xp2jW32jUryK1j7GRs' +
  'Fj6AdSfYVz0XxR8JSzCP+0XTJwGeBwv8uPxrSNKcleKbE5Jbs66ioLO9tdQt1uLK5iuIW6SROGU/iKnrNqwwooooAK' +
  '57V/HfhvRLs2l7qKidTh440Zyn1wDj6dap/EbxQ3hvw8RbSbb68JjgI6oP4n/AY/Eiue8F/DLT7vSE1PxFFJc3F4PM' +
  'WJpGXy1PIJIIJY9efWuqnShye0qvTpbqZyk78sTv9J1vTNdtvtOmXkdzGODt4K/VTyPxFX68f8Q+EdU8AX48Q+Gp5H' +
  's0P7xGO4xg9VYfxJ79R+Ga9D8JeK7LxZpYurf93PHhbiAnJjb+oPY/1zSq0Uo89N3j+XqOMruz3N2iiiuYsKKQkKCS' +
  'QAOST2rzrxD8WYLW8aw8P2Y1GfO0TEkxlvRQOX/Me2a1p0p1HaKJlJR3PRqK8oi+K/iDTbhB4g8PLFE/TbHJC2O5G8' +
  'nP6V6HoPiLTPElkLrTbgSAffjPDxn0Ydv5VVTD1KavJaCjNS2NSiiisCwooooAKKKKACiiigAooooAKKKKACikJABJ' +
  'OAOpNY0njLw1FKY312xDA4OJlOPxFUoylshNpG1RUFpeWt/AJ7O5iuIj0eJwyn8RU9S1YYUUUUAFFFFABRRRQAVn67' +
  'rNroGj3Gp3ZPlwrkKOrseAo9ya0K8m+JV9ceJPFth4SsGyI3UyenmMOp9lTn8TW9Cl7Sdnt19CJy5UU/D3h3UviVq8' +
  '2u67PJHYK5VVQ43f7Ceijuf65I7if4Y+EprXyBppiIGBLHM+8e/JIP4g10emadbaTptvp9omyC3QIg7n3Puep+tWqu' +
  'piZyl7jslsKNNJanjupeFfEvw8un1bw/dyXVgPmlXGSFH/AD0ToRj+IdOeldt4P8f6b4pjWBsWmogfNbs3D+6HuPbq' +
  'P1rrK8+8WfC621GVtR0F1sL4Hf5Y+WNz6jH3D9OPbvVqrCsrVdH3/wAxcrjrE9BpkkiQxNLK6oiAszMcBQOpJrySDx' +
  'z418JA2uv6U93HHwJZlKn/AL+LlW+vJ96gvda8Y/Ecrp9hYGz0+TlyARGw9XkI5HsPyNCwc73bXL3uHtV8xVZ/iZ8R' +
  '1YKx0my9Rx5Snv7u344+lexgADAGAKxPCfha08KaSLO3PmTOd085GDI39AOw/wDr1uVliKqm0o/CtioRaV3uNkjSaN' +
  'opUV0cFWVhkMD1BFeP+JNA1H4c6+niLQdx092w0ZyRHnrG/qp7HscdwCfYqZNDHcQvDNGskcilXRxkMD1BFKjWdJ90' +
  '90Eo8xkeGfFGneKdOW6s5AsqgedbsfniPv6j0PetqvLda+F+paXfnVPB168LjkW5l2Ovsr9CPZvzNVJtP+K2tRtp95' +
  'I8MDfLIxeGMEe5Tkj6ZrZ0Kc3zQmkvPdE88lo0WPiB4uudcv08J+HGaYyv5dw8R/1jf3Af7o/iP9Ac9h4O8FWHhSyU' +
  'qizX7r++uCMnPdV9F/n3qDwZ4CsvCcZnZxdahIuHnK4CD+6o7D36n9K6yprVYqPs6e35jjF35pbkF5ZWuo2r2t5bxz' +
  'wSDDRyLkGvJ/EXhHVfAepf8JD4YlkazQ5kj5Yxr3Vh/Env1H4Zr1+kIDAggEHgg96zo1pUn3XVDlFSOa8H+N9P8V2u' +
  '1CIL6NR5tsx5+q+q/wAu/v01ea+KfhfJ9rOr+FJfsl0rb/s4fYM+sbfwn26e46Vm2/xN8TeHcWfiPRWnkXhXcGB298' +
  '4Kt9QK2eHjV96i/l1J53HSR65UN3eW1hbtcXdxFbwp96SVwqj8TXmFx8aJpv3Om6DmZ+EMkxbn/dUc/nVW28J+LvHt' +
  '8t74knlsbIcojLtIHokfb6tz9aSwko61XyoPaJ/DqdVqHxY8L2UhSKS5vSDgm3i4/NiM/hVWH4yeHZJAslrqEQJ+8Y' +
  '0IH1w2f0rY0z4d+F9Lj2rpcd0+OZLr96T+B4H4AVcn8G+GbmMo+g2ABGCY4FQ/muDRzYVaWY7VO47SfF/h/XGCafqk' +
  'Ekh6RMSjn6K2CfwrZrzvWfg7pF0GfSbqWwk7RufNj/X5h+Z+lYf234heAf8Aj7VtR09OrMTNGB/vfeX8cD2o9hTqfw' +
  'pa9mLnkviR7BRXCaN8W9A1AKmoLLpsx4O8b48+zAfzArrbbXNJvU32uqWcyjqY51bH5GsJ0akH7yLUk9mXqbJIkMbS' +
  'yuqIgLMzHAUDqSaxdW8Z+HtGid7rVIC6/wDLGJxJIT6bRz+fFeb6v4l134lX39jaFayW+n5Bl3HGRnhpGHAH+yM/jx' +
  'V0sPOer0XcUppepL4h8Rap8Q9dHh3w8WTT1J8yTJAlAOC7+iDsO/HfAG9a/BzQI7QJdXV7NOR80iOqDPsMHH45rpPC' +
  'XhSy8J6WLW3/AHk8mGuJyMGRv6Adh/XNbtaVMS4+5R0S/ElQvrLc8j1H4deIvClwdT8KajNOF5Ma/LLj0I+7IPb9DW' +
  'r4a+LFtcSCx8Rw/YbpTtMyqRGT0ww6qf0+lej1g+IfBeh+JVLX1rtuMYFzD8sg/Hv+OaFiI1Fasr+a3DkcdYmzb3Vv' +
  'dwrNbTxzxMMq8bhlI9cis+HxNolzrJ0eDUYZL4AkxISenUZ6ZHpnPFefTfBL5yYNe+UngPa8gfUNz+VdR4S+HemeFp' +
  'xeea95fBSomddoQHrtXtn1JNTKnQjFtTu/Qac29jrqKKK5TQKKKKACuP0DwIdK8Yaj4hurtbl7h3a3Xbgx7zkk57gf' +
  'Lx2zXYUVcakoppdRNJ7hRRRUDCiimGWMHBdQR70APoqBr60VirXUII6gyCopNW0yIgSajaoTyA0yj+tPlfYLlyiqP9' +
  'uaR/0FLL/wIT/GoX8T+H43KPrumqw6hruMEfrT5JdhXRqUVk/8JV4c/wCg/pn/AIGR/wCNH/CVeHP+g/pn/gZH/jT5' +
  'J9gujWorJ/4Srw5/0H9M/wDAyP8Axo/4Srw5/wBB/TP/AAMj/wAaOSfYLo1qKyf+Eq8Of9B/TP8AwMj/AMamTXtGkU' +
  'OmrWLKehFyhB/WlyS7BdGhRVH+3NI/6Cll/wCBCf41ImpWEih0vbdlPQrKpH86OV9gui1TWRXXa6hh6EZqJb20dgq3' +
  'ULE9AJAak82P/nov/fQpWYxIoIYc+VEkeeu1QKkpAQRkHIpaQBRRRQAUUUUAc5rHgHw1rbNJcackUzZzNbny2z6nHB' +
  'P1BrmJ/grpjPm31a7jX0kRXP5jFelUVvDEVYKykQ4Re6PP9P8Ag7oNs6ve3N3eEHlNwjQ/lz+tdvY6fZ6Zara2NtFb' +
  'Qr0SJQo+v196s0VM61Sp8TuNRS2CiikJCjJIA9TWRQtFUbnWtJs/+PrU7OD/AK6zqv8AM1lXPxA8J2jBZNbt2JOP3Q' +
  'aQfmoNWqc5bJibSOjopqOkkayRsGRgCrA5BB706oGFFFFABRRRQAUUUUAZ2v6fdapod1Y2V61lcTKAk65yvIJ6eoBH' +
  '4151/wAKp8Rz/wDHz4nzj7vzSP8AzIr1ait6dedNWiTKClueTn4LXUp3z+IVMh6k25b9S1OHwROOfEXP/Xl/9nXq1F' +
  'afXa/834In2UOx5enwTtQoD65KW7kW4A/LdUsfwV00A+Zq90x7bY1X/GvS6KX1yv8AzB7OHY83/wCFLaT/ANBS8/JP' +
  '8KkX4MaGFG/UdQJ7kMgH/oNeiUUvrdb+Yfs49jzz/hTGg/8AQQ1H/vtP/iaP+FMaD/0ENR/77T/4mvQ6KPrVb+YPZx' +
  '7Hnn/CmNB/6CGo/wDfaf8AxNH/AApjQf8AoIaj/wB9p/8AE16HRR9arfzB7OPY88/4UxoP/QQ1H/vtP/iajb4LaPuO' +
  '3VL0DsCEP9K9Hoo+t1v5g9nHseb/APCltJ/6Cl5+Sf4VE/wUsSx2azcBewMKk/zr02in9br/AMwvZw7Hl7/BO2KER6' +
  '5Krdi1uCPy3Cof+FI/9TF/5Jf/AGyvVqKf1yv/ADfkHsodjyc/BKTPHiBcf9en/wBnSr8G9Qg4tvEYVT1xCy/yavV6' +
  'KPrtfv8Agg9lDseU/wDCp9fi+eDxNhx0++v6g0f8Kx8W/wDQ0f8AkaWvVqKPrlXy+5B7KJ5P/wAK88fr8qeKF2jgf6' +
  'dOOPpto/4V/wDEIcjxQuR6ahP/APE16xRR9cqdl9weyieT/wDCDfEf/oaG/wDBjP8A4Uf8IN8R/wDoaG/8GM/+FesU' +
  'UfXJ9l9wezR5P/wg3xH/AOhob/wYz/4Uf8K++IP/AENC/wDgfP8A/E16xRR9cqdl9wezR5SPhh4smGLnxODu++POlf' +
  '69cZpP+FL3U7b7nxEC3r9mLnH4uK9Xoo+uVuj/AAQeyieaW/wV01QPtWr3Up7+VGqfzzWtZ/Cbwra482G5uyO805H/' +
  'AKDtrtaKh4qs95DVOK6DURY0VEUKqgBVA4Ap1FFc5YUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQA' +
  'UUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQB//2Q=='

export const SIGNATURE_JPEG_SIZE = { width: 320, height: 107 }
