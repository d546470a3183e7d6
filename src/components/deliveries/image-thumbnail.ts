/**
 * Draws an image's data URL into a small JPEG data URL in the page: the sandboxed renderer
 * decodes the attachment (the main process never does), and only the thumbnail is kept.
 */
export async function shrinkToThumbnail(dataUrl: string, maxSide = 160): Promise<string> {
  const image = new Image()
  image.src = dataUrl
  await image.decode()
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight, 1))
  const width = Math.max(1, Math.round(image.naturalWidth * scale))
  const height = Math.max(1, Math.round(image.naturalHeight * scale))
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) return dataUrl
  // white under transparent PNG areas, since JPEG has no alpha
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(image, 0, 0, width, height)
  return canvas.toDataURL('image/jpeg', 0.85)
}
