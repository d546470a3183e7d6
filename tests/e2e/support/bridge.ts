/**
 * The test-only transport: the built renderer and the real handlers on 127.0.0.1, and an init
 * script giving the page a `window.desk` of the same contract that forwards each call here.
 * Only the Electron IPC transport differs from the app.
 */
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { CALL_NAMES } from '../../../electron/core/contract/call-names'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { createHandlers } from '../../../electron/core/handlers'
import { openNodeCore } from '../../../electron/core/node-core'
import type { Core } from '../../../electron/core/core'
import type { Handlers } from '../../../electron/core/contract/contract'
import { checkDatabase } from '../../../electron/core/db/database-check'
import { RecoveryService } from '../../../electron/core/recovery/recovery-service'
import { recoveryModeHandlers } from '../../../electron/core/handlers/recovery.handlers'
import { JsonSettingsStore } from '../../../electron/core/settings/json-settings-store'
import { SETTINGS_FILE_NAME } from '../../../electron/core/paths'
import { dirname } from 'node:path'
import {
  loadStartTemplate,
  renderStartPage,
  type StartTemplate
} from '../../../electron/core/start-page/start-page-html'

const RENDERER_DIR = resolve(__dirname, '../../../out/renderer')
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

export interface Bridge {
  url: string
  core: Core
  fakes: BridgeFakes
  internalErrors: unknown[]
  close(): Promise<void>
}

/** Test stand-ins for the main process's dialogs and clipboard, recorded for assertions. */
export interface BridgeFakes {
  /** what the next save/open dialog answers (null = cancelled) */
  savePath: string | null
  openPath: string | null
  /** what the next folder dialog answers (null = cancelled) */
  folderPath: string | null
  clipboard: string
  copies: string[]
  screenGuards: number[]
}

/**
 * With `recovery: true` the bridge starts as main does: the file is checked first, and an
 * unusable one is served in recovery mode (the recovery calls only) until it is restored or
 * set aside; then the Core is built and every call served.
 */
export async function startBridge(
  dbPath: string,
  options: {
    scryptN?: number
    recovery?: boolean
    /** the built renderer to serve; the bench passes it (bundled, __dirname is out/cli) */
    rendererDir?: string
  } = {}
): Promise<Bridge> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR
  const fakes: BridgeFakes = {
    savePath: null,
    openPath: null,
    folderPath: null,
    clipboard: '',
    copies: [],
    screenGuards: []
  }
  const buildCore = (): Core =>
    openNodeCore(dbPath, {
      dialogs: {
        chooseSavePath: async () => fakes.savePath,
        chooseOpenPath: async () => fakes.openPath,
        chooseFolder: async () => fakes.folderPath
      },
      secrets: {
        copy: async (text) => {
          fakes.clipboard = text
          fakes.copies.push(text)
          return { concealed: false }
        },
        guardScreen: (ms) => fakes.screenGuards.push(ms),
        flush: () => {
          fakes.clipboard = ''
        }
      },
      ...(options.scryptN ? { scryptParams: { n: options.scryptN, r: 8, p: 1 } } : {})
    })
  const settings = new JsonSettingsStore(join(dirname(dbPath), SETTINGS_FILE_NAME))
  let core: Core | null = null
  let handlers: Handlers
  const check = options.recovery
    ? checkDatabase(dbPath, { depth: 'quick', allowMissing: true })
    : { ok: true }
  if (check.ok) {
    core = buildCore()
    handlers = createHandlers(core)
  } else {
    let served: Handlers | null = null
    const recovery = new RecoveryService({
      dbPath,
      check,
      onRecovered: () => {
        core = buildCore()
        served = createHandlers(core)
      }
    })
    handlers = recoveryModeHandlers(recovery, settings, () => served)
  }
  const internalErrors: unknown[] = []
  let startTemplate: Promise<StartTemplate> | null = null
  const server: Server = createServer(async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/__desk/call') {
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        const { name, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          name: string
          payload: unknown
        }
        const envelope = await dispatch(handlers, name, payload, {
          locale: (core?.deps.settings ?? settings).get().locale,
          onInternalError: (_n, e) => internalErrors.push(e)
        })
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(envelope))
        return
      }
      const path = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0] ?? '/')
      const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path))
      if (!file.startsWith(rendererDir)) {
        res.writeHead(403).end()
        return
      }
      // index.html as the app:// handler serves it: stylesheets inline, the start page's picture
      let body: Buffer | string
      if (file === join(rendererDir, 'index.html')) {
        startTemplate ??= loadStartTemplate(rendererDir, (p) => readFile(p))
        const template = await startTemplate
        body = renderStartPage(template, core ? core.startPage.prepaint(template.html) : null)
      } else {
        body = await readFile(file)
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    get core(): Core {
      if (!core) throw new Error('the bridge is in recovery mode: no core yet')
      return core
    },
    fakes,
    internalErrors,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => {
          core?.deps.db.close()
          ok()
        })
      })
  }
}

/** Runs in the page before its scripts: the same `window.desk` shape the preload exposes. */
export function bridgeInitScript(): string {
  return `(() => {
    const names = ${JSON.stringify(CALL_NAMES)};
    const api = {};
    for (const name of names) {
      const dot = name.indexOf('.');
      const area = name.slice(0, dot), verb = name.slice(dot + 1);
      api[area] = api[area] || {};
      api[area][verb] = async (payload) => {
        const res = await fetch('/__desk/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, payload: payload === undefined ? {} : payload })
        });
        return res.json();
      };
    }
    Object.defineProperty(window, 'desk', { value: Object.freeze(api) });
  })();`
}
