import { afterAll, describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { registerContract } from '../../electron/main/ipc.main'
import { CALL_CHANNEL } from '../../electron/core/contract/call-names'
import { createHandlers } from '../../electron/core/handlers'
import { tempCore } from '../support/temp-core'

const t = tempCore()
afterAll(() => t.cleanup())

type Handler = (event: IpcMainInvokeEvent, name: unknown, payload: unknown) => Promise<unknown>

function register() {
  let handler: Handler | null = null
  const ipcMain = { handle: vi.fn((channel: string, h: Handler) => ((handler = h), channel)) }
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  registerContract(ipcMain as unknown as IpcMain, createHandlers(t.core), {
    app: { url: 'app://desk/index.html' },
    log,
    locale: () => 'zh-CN'
  })
  expect(ipcMain.handle).toHaveBeenCalledWith(CALL_CHANNEL, expect.any(Function))
  return { call: handler as unknown as Handler, log }
}

const event = (url: string) =>
  ({ senderFrame: { url, parent: null } }) as unknown as IpcMainInvokeEvent

describe('the IPC transport', () => {
  it('dispatches a call from the app frame to the real handlers', async () => {
    const { call } = register()
    const result = await call(event('app://desk/index.html#/'), 'customers.create', {
      name: '甲公司',
      taxId: '91440300MA5G3K7P0R'
    })
    expect(result).toMatchObject({ ok: true, result: { customer: { id: 1 } } })
    expect(
      await call(event('app://desk/index.html'), 'customers.create', {
        name: '乙',
        taxId: '91440300MA5G3K7P0R'
      })
    ).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_TAX_ID', field: 'taxId' }
    })
  })

  it('refuses a file path sent by the page: paths come only from the main process dialogs', async () => {
    const { call } = register()
    expect(
      await call(event('app://desk/index.html'), 'customers.get', {
        id: 1,
        path: '/etc/passwd'
      })
    ).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_ALLOWED', field: 'path' }
    })
  })

  it('refuses a path the page puts on an evidence or scan copy: the save dialog chooses', async () => {
    const { call } = register()
    for (const [name, payload] of [
      ['evidence.open', { id: 1, path: '/home/user/.bashrc', overwrite: true }],
      ['evidence.add', { deliveryId: 1, stage: 'activation', path: '/etc/shadow' }],
      ['acceptance.openScan', { scanId: 1, path: '/tmp/x.pdf' }]
    ] as const) {
      expect(await call(event('app://desk/index.html'), name, payload)).toMatchObject({
        ok: false,
        error: { code: 'PATH_NOT_ALLOWED', field: 'path' }
      })
    }
  })

  it('refuses calls from any other page and logs them', async () => {
    const { call, log } = register()
    expect(await call(event('https://example.com/'), 'customers.search', {})).toMatchObject({
      ok: false
    })
    // a file:// page naming the app's path on another host is not the app
    expect(
      await call(event('file://evil-host/app/out/renderer/index.html#/'), 'customers.search', {})
    ).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
    expect(log.warn).toHaveBeenCalledTimes(2)
  })
})
