/**
 * The start page's picture (electron/core/start-page): index.html may hold a still copy of the
 * customer list over the app's root, painted before the app's code has run. It goes once the
 * app has painted its own page under it.
 */
import { nextTick } from 'vue'
import { PREPAINT_CLASS } from '@core/start-page/start-page-marks'

/** The picture is gone for good after this (the app never needs it again). */
export function endPrepaint(): void {
  document.querySelector(`.${PREPAINT_CLASS}`)?.remove()
}

/**
 * Removes the picture in the frame that paints what the app has just rendered: in that frame's
 * animation callback, so the frame shows the app's page and never neither.
 */
export function endPrepaintWithNextFrame(): void {
  void nextTick(() => window.requestAnimationFrame(endPrepaint))
}
