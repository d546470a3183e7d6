/**
 * Starts out/main/index.js under plain Node with the stub 'electron', then drives its IPC
 * handler like the preload would and prints what happened as JSON.
 */
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const { resolve } = require('node:path')
const { pathToFileURL } = require('node:url')

const stub = resolve(__dirname, 'electron-stub/electron.cjs')
const original = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? stub : original.call(this, request, ...rest)
}

const mainBundle = resolve(__dirname, '../../../out/main/index.js')
require(mainBundle)
const rec = globalThis.__electronStub

setTimeout(async () => {
  const handler = rec.handlers.get('desk:call')
  const appFrame = { url: 'app://desk/index.html#/', parent: null }
  const rendererFile = pathToFileURL(resolve(__dirname, '../../../out/renderer/index.html'))
  const fetchApp = async (url, method = 'GET') => {
    const res = await rec.protocols.get('app')({ url, method })
    const body = method === 'GET' ? await res.text() : ''
    return {
      status: res.status,
      csp: res.headers.get('content-security-policy'),
      type: res.headers.get('content-type'),
      length: body.length,
      hasAppRoot: body.includes('id="app"')
    }
  }
  // A web contents as Electron hands it to 'web-contents-created': record what is refused.
  const contents = Object.assign(new EventEmitter(), {
    setWindowOpenHandler(h) {
      this.openHandler = h
    },
    closeDevTools() {
      this.devToolsClosed = true
    }
  })
  require('electron').app.emit('web-contents-created', {}, contents)
  const navigate = (url) => {
    let refused = false
    contents.emit('will-navigate', { preventDefault: () => (refused = true) }, url)
    return refused
  }
  const call = (name, payload, frame = appFrame) => handler({ senderFrame: frame }, name, payload)
  if (process.env.DESK_STUB_SCENARIO === 'recovery') {
    // the data folder held an unusable database: recovery mode, then a new file
    const rec2 = {
      errors: rec.errors,
      loaded: rec.windows[0] && rec.windows[0].loaded,
      info: await call('app.info', {}),
      status: await call('recovery.status', {}),
      settings: await call('settings.get', {}),
      fresh: await call('recovery.startFresh', {}),
      statusAfter: await call('recovery.status', {}),
      infoAfter: await call('app.info', {}),
      created: await call('customers.create', {
        name: '兰州黄河云票科技有限公司',
        taxId: '91440300MA5G3K7P0R'
      })
    }
    require('electron').app.quit()
    for (let i = 0; i < 100 && !rec.quit; i++) await new Promise((r) => setTimeout(r, 20))
    rec2.quitCompleted = rec.quit
    process.stdout.write(JSON.stringify(rec2))
    process.exit(0)
  }
  // a secret a crashed run left on the clipboard is cleared at start (asynchronously)
  for (let i = 0; i < 200 && process.env.DESK_STUB_CLIPBOARD && rec.clipboard['text/plain']; i++)
    await new Promise((r) => setTimeout(r, 25))
  const clipboardAtStart = rec.clipboard['text/plain'] ?? ''
  const out = {
    clipboardAtStart,
    errors: rec.errors,
    channels: [...rec.handlers.keys()],
    window: rec.windows[0] && {
      webPreferences: rec.windows[0].options.webPreferences,
      loaded: rec.windows[0].loaded
    },
    info: await call('app.info', {}),
    created: await call('customers.create', {
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R'
    }),
    fromOtherPage: await call(
      'customers.search',
      {},
      { url: 'https://example.com/', parent: null }
    ),
    fromFileHost: await call(
      'customers.search',
      {},
      {
        url: 'file://evil-host' + rendererFile.pathname + '#/',
        parent: null
      }
    ),
    fromFileUrl: await call('customers.search', {}, { url: rendererFile.href, parent: null }),
    fromSubframe: await call('customers.search', {}, { url: appFrame.url, parent: appFrame }),
    withPath: await call('acceptance.verify', { path: '/etc/passwd' }),
    schemes: rec.schemes,
    menuLabels: JSON.stringify(rec.menu && rec.menu.template),
    served: {
      index: await fetchApp('app://desk/index.html'),
      root: await fetchApp('app://desk/'),
      traversal: await fetchApp('app://desk/%2e%2e/main/index.js'),
      dotdot: await fetchApp('app://desk/../../package.json'),
      otherHost: await fetchApp('app://evil/index.html'),
      post: await fetchApp('app://desk/index.html', 'POST'),
      missing: await fetchApp('app://desk/nope.js')
    },
    navigation: {
      fileHost: navigate('file://evil-host' + rendererFile.pathname),
      fileUrl: navigate(rendererFile.href),
      otherScheme: navigate('https://example.com/'),
      ownRoute: navigate('app://desk/index.html#/customers')
    },
    windowOpen: contents.openHandler && contents.openHandler({ url: 'https://example.com/' }),
    vault: await call('vault.setup', { passphrase: '黄河远上白云间一片孤城' }),
    osUnlock: await call('vault.setOsUnlock', { enabled: true })
  }
  out.setKey = await call('credentials.set', { customerId: 1, field: 'fkey', value: '0a1b2c3d7' })
  out.copy = await call('credentials.copy', { customerId: 1, field: 'fkey' })
  out.clipboardAfterCopy = rec.clipboard['text/plain']
  out.clipboardFormats = Object.keys(rec.clipboard)
  out.clipboardHint =
    rec.clipboard['electron application/osclipboard;format="x-kde-passwordManagerHint"']
  out.reveal = await call('credentials.reveal', { customerId: 1, field: 'fkey' })
  out.protectedWhileRevealed = rec.windows[0]?.protected ?? null
  require('electron').powerMonitor.emit('lock-screen')
  out.afterScreenLock = await call('vault.status', {})
  let quitError = null
  try {
    require('electron').app.quit()
    for (let i = 0; i < 100 && !rec.quit; i++) await new Promise((r) => setTimeout(r, 20))
  } catch (error) {
    quitError = String(error)
  }
  out.quitError = quitError
  out.quitCompleted = rec.quit
  out.clipboardAfterQuit = rec.clipboard['text/plain'] ?? ''
  process.stdout.write(JSON.stringify(out))
  process.exit(0)
}, 500)
