import { beforeEach, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import type { BrowserWindow } from 'electron'
import { electronStub, FakeDialog } from './electron-stub'

const stub = vi.hoisted(() => ({ dialog: null as FakeDialog | null, documents: true }))

vi.mock('electron', async () => {
  const { FakeDialog: Dialog } = await import('./electron-stub')
  stub.dialog = new Dialog()
  const base = electronStub(() => '/home/li/文档')
  const app = {
    ...(base.app as object),
    getPath: vi.fn((name: string) => {
      if (name === 'documents' && !stub.documents) throw new Error("Failed to get 'documents' path")
      return name === 'documents' ? '/home/li/文档' : '/home/li'
    })
  }
  const api = { ...base, app, dialog: stub.dialog }
  return { ...api, default: api }
})

const { createFileDialogs } = await import('../../electron/main/dialogs.main')

const WORD = [{ name: 'Word', extensions: ['docx'] }]
const fakeWindow = { id: 1 } as unknown as BrowserWindow

function dialog(): FakeDialog {
  if (!stub.dialog) throw new Error('electron was not mocked')
  return stub.dialog
}

describe('native file dialogs', () => {
  beforeEach(() => {
    dialog().calls = []
    stub.documents = true
  })

  it('proposes the file name in Documents, modal to the window, asking before replacing', async () => {
    dialog().saveAnswer = { canceled: false, filePath: '/home/li/文档/验收单.docx' }
    const dialogs = createFileDialogs(() => fakeWindow)
    const chosen = await dialogs.chooseSavePath('上线验收单-兰州黄河-20260318.docx', WORD)
    expect(chosen).toBe('/home/li/文档/验收单.docx')
    expect(dialog().calls).toEqual([
      {
        kind: 'save',
        window: fakeWindow,
        options: {
          defaultPath: join('/home/li/文档', '上线验收单-兰州黄河-20260318.docx'),
          filters: WORD,
          properties: ['showOverwriteConfirmation', 'createDirectory']
        }
      }
    ])
  })

  it('opens the next save where the last export went, and remembers only a chosen folder', async () => {
    let remembered = ''
    const folder = { get: () => remembered, set: (dir: string) => (remembered = dir) }
    const dialogs = createFileDialogs(() => fakeWindow, folder)
    dialog().saveAnswer = { canceled: false, filePath: '/media/u盘/交付/客户表.xlsx' }
    await dialogs.chooseSavePath('客户表.xlsx', WORD)
    expect(dialog().calls[0]?.options.defaultPath).toBe(join('/home/li/文档', '客户表.xlsx'))
    expect(remembered).toBe('/media/u盘/交付')
    dialog().saveAnswer = { canceled: true, filePath: '' }
    expect(await dialogs.chooseSavePath('上线验收单.docx', WORD)).toBeNull()
    expect(dialog().calls[1]?.options.defaultPath).toBe(join('/media/u盘/交付', '上线验收单.docx'))
    expect(remembered).toBe('/media/u盘/交付')
  })

  it('answers null when the save dialog is cancelled or returns no path', async () => {
    const dialogs = createFileDialogs(() => fakeWindow)
    dialog().saveAnswer = { canceled: true, filePath: '' }
    expect(await dialogs.chooseSavePath('a.docx', WORD)).toBeNull()
    dialog().saveAnswer = { canceled: false, filePath: '' }
    expect(await dialogs.chooseSavePath('a.docx', WORD)).toBeNull()
  })

  it('opens one file, starting in Documents', async () => {
    dialog().openAnswer = { canceled: false, filePaths: ['/home/li/文档/scan.pdf'] }
    const dialogs = createFileDialogs(() => fakeWindow)
    const filters = [{ name: 'PDF', extensions: ['pdf'] }]
    expect(await dialogs.chooseOpenPath(filters)).toBe('/home/li/文档/scan.pdf')
    expect(dialog().calls[0]).toEqual({
      kind: 'open',
      window: fakeWindow,
      options: { defaultPath: '/home/li/文档', filters, properties: ['openFile'] }
    })
    dialog().openAnswer = { canceled: true, filePaths: [] }
    expect(await dialogs.chooseOpenPath(filters)).toBeNull()
  })

  it('still shows a dialog when no window is open, and falls back to home without Documents', async () => {
    stub.documents = false
    dialog().saveAnswer = { canceled: false, filePath: '/home/li/a.docx' }
    const dialogs = createFileDialogs(() => null)
    expect(await dialogs.chooseSavePath('a.docx', WORD)).toBe('/home/li/a.docx')
    expect(dialog().calls[0]?.window).toBeNull()
    expect(dialog().calls[0]?.options.defaultPath).toBe(join('/home/li', 'a.docx'))
  })
})
