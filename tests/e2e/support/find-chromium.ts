import { existsSync } from 'node:fs'

const CANDIDATES: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium'
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium'
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
  ]
}

/** A Chromium or Chrome for the browser tests: DESK_CHROMIUM (or CHROME_PATH), else the usual paths. */
export function findChromium(): string {
  const fromEnv = process.env.DESK_CHROMIUM || process.env.CHROME_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`DESK_CHROMIUM points to ${fromEnv}, which does not exist`)
    return fromEnv
  }
  const found = (CANDIDATES[process.platform] ?? []).find((p) => existsSync(p))
  if (found) return found
  throw new Error(
    'The browser tests need Chromium or Chrome. Install it (Debian/Ubuntu: sudo apt-get install chromium; ' +
      'macOS/Windows: install Google Chrome) or set DESK_CHROMIUM=/path/to/chrome.'
  )
}
