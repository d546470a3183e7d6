/**
 * Starts out/main/index.js under plain Node with the stub 'electron', then drives its IPC
 * handler like the preload would and prints what happened as JSON.
 */
const Module = require('node:module')
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
  const appFrame = {
    url: pathToFileURL(resolve(__dirname, '../../../out/renderer/index.html')).href + '#/',
    parent: null
  }
  const call = (name, payload, frame = appFrame) => handler({ senderFrame: frame }, name, payload)
  const out = {
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
    withPath: await call('acceptance.verify', { path: '/etc/passwd' }),
    vault: await call('vault.setup', { passphrase: '黄河远上白云间一片孤城' }),
    osUnlock: await call('vault.setOsUnlock', { enabled: true })
  }
  out.setKey = await call('credentials.set', { customerId: 1, field: 'fkey', value: '0a1b2c3d7' })
  out.copy = await call('credentials.copy', { customerId: 1, field: 'fkey' })
  out.clipboardAfterCopy = rec.clipboard
  out.reveal = await call('credentials.reveal', { customerId: 1, field: 'fkey' })
  out.protectedWhileRevealed = rec.windows[0]?.protected ?? null
  require('electron').powerMonitor.emit('lock-screen')
  out.afterScreenLock = await call('vault.status', {})
  let quitError = null
  try {
    require('electron').app.emit('will-quit')
  } catch (error) {
    quitError = String(error)
  }
  out.quitError = quitError
  out.clipboardAfterQuit = rec.clipboard
  process.stdout.write(JSON.stringify(out))
  process.exit(0)
}, 500)
