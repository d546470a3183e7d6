import { describe, expect, it, vi } from 'vitest'
import type { Session, WebContents, WebFrameMain } from 'electron'
import {
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  originOf
} from '../../electron/main/security.main'
import { FakeSession, FakeWebContents } from './electron-stub'

const built = { url: 'app://desk/index.html' }
const appFile = '/opt/desk/resources/app.asar/out/renderer/index.html'
const dev = { url: 'http://localhost:5173/' }

function frame(url: string, parent: unknown = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain
}

describe('which pages count as the app', () => {
  it('accepts app://desk with any path or hash route, and nothing on another origin', () => {
    expect(isAppUrl('app://desk/index.html#/customers/3', built)).toBe(true)
    expect(isAppUrl('app://DESK/assets/index.js', built)).toBe(true)
    expect(isAppUrl('app://evil/index.html', built)).toBe(false)
    expect(isAppUrl('app://desk.evil/index.html', built)).toBe(false)
    expect(isAppUrl('app://user:pw@desk/index.html', built)).toBe(false)
    expect(isAppUrl('https://example.com/', built)).toBe(false)
    expect(isAppUrl('not a url', built)).toBe(false)
  })
  it('never takes a file:// URL for the app, whatever host or path it names', () => {
    expect(isAppUrl(`file://evil-host${appFile}`, built)).toBe(false)
    expect(isAppUrl(`file://${appFile}`, built)).toBe(false)
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false)
    expect(isAppUrl(`file://evil-host${appFile}`, { url: `file://${appFile}` })).toBe(false)
    expect(originOf(`file://evil-host${appFile}`)).toBeNull()
  })
  it('accepts only the dev server origin in development', () => {
    expect(isAppUrl('http://localhost:5173/#/settings', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('http://evil.localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
  })
})

describe('IPC sender check', () => {
  it('trusts only the app page in the top-level frame', () => {
    expect(isTrustedSender(frame(built.url + '#/'), built)).toBe(true)
    expect(isTrustedSender(frame(built.url, frame(built.url)), built)).toBe(false)
    expect(isTrustedSender(frame('https://example.com/'), built)).toBe(false)
    expect(isTrustedSender(null, built)).toBe(false)
    expect(isTrustedSender(frame(`file://evil-host${appFile}#/`), built)).toBe(false)
  })
})

describe('window hardening', () => {
  it('blocks navigation away from the app, new windows and webviews', () => {
    const contents = new FakeWebContents()
    hardenWebContents(contents as unknown as WebContents, built)
    const away = { preventDefault: vi.fn() }
    contents.emit('will-navigate', away, 'https://example.com/')
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = { preventDefault: vi.fn() }
    contents.emit('will-navigate', inside, built.url + '#/settings')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const fileHost = { preventDefault: vi.fn() }
    contents.emit('will-navigate', fileHost, `file://evil-host${appFile}`)
    expect(fileHost.preventDefault).toHaveBeenCalled()
    const frameNav = { url: 'https://example.com/', preventDefault: vi.fn() }
    contents.emit('will-frame-navigate', frameNav)
    expect(frameNav.preventDefault).toHaveBeenCalled()
    const redirect = { preventDefault: vi.fn() }
    contents.emit('will-redirect', redirect, 'http://example.com/')
    expect(redirect.preventDefault).toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', webview)
    expect(webview.preventDefault).toHaveBeenCalled()
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny'
    })
  })

  it('closes DevTools whenever they open unless development allows them', () => {
    const packaged = Object.assign(new FakeWebContents(), { closeDevTools: vi.fn() })
    hardenWebContents(packaged as unknown as WebContents, built)
    packaged.emit('devtools-opened')
    expect(packaged.closeDevTools).toHaveBeenCalled()
    const dev = Object.assign(new FakeWebContents(), { closeDevTools: vi.fn() })
    hardenWebContents(dev as unknown as WebContents, built, { allowDevTools: true })
    dev.emit('devtools-opened')
    expect(dev.closeDevTools).not.toHaveBeenCalled()
  })

  it('denies every permission request and check, and every download', () => {
    const session = new FakeSession()
    hardenSession(session as unknown as Session)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const cb = vi.fn()
      session.requestHandler?.({}, permission, cb)
      expect(cb).toHaveBeenCalledWith(false)
    }
    expect(session.checkHandler?.()).toBe(false)
    const download = { preventDefault: vi.fn() }
    session.emit('will-download', download)
    expect(download.preventDefault).toHaveBeenCalled()
  })
})
