/**
 * Native save and open dialogs for the core (FileDialogs). The only way a file path reaches
 * an export, verify or scan call from the app: the renderer never sends one itself.
 */
import {
  app,
  dialog,
  type BrowserWindow,
  type FileFilter,
  type OpenDialogOptions,
  type SaveDialogOptions
} from 'electron'
import { dirname, join } from 'node:path'
import type { FileDialogs } from '../core/core'

/** The user's Documents folder; home where the system has none configured. */
function documentsDir(): string {
  try {
    return app.getPath('documents')
  } catch {
    return app.getPath('home')
  }
}

/**
 * The folder the last export went to (settings `exportDir`): the next save dialog opens there,
 * and the start-up cleaner looks there for temp files an interrupted export left.
 */
export interface ExportFolder {
  get(): string
  set(dir: string): void
}

/**
 * Dialogs attached to the app window (modal to it) when one is open. Windows and macOS
 * always ask before a save replaces a file; GTK only with showOverwriteConfirmation.
 */
export function createFileDialogs(
  getWindow: () => BrowserWindow | null,
  exportFolder?: ExportFolder
): FileDialogs {
  return {
    async chooseSavePath(defaultName: string, filters: FileFilter[]): Promise<string | null> {
      const options: SaveDialogOptions = {
        defaultPath: join(exportFolder?.get() || documentsDir(), defaultName),
        filters,
        properties: ['showOverwriteConfirmation', 'createDirectory']
      }
      const window = getWindow()
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      if (result.canceled || !result.filePath) return null
      exportFolder?.set(dirname(result.filePath))
      return result.filePath
    },

    async chooseOpenPath(filters: FileFilter[]): Promise<string | null> {
      const options: OpenDialogOptions = {
        defaultPath: documentsDir(),
        filters,
        properties: ['openFile']
      }
      const window = getWindow()
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },

    /** The external backup folder (a USB disk, a network share); it may be created here. */
    async chooseFolder(): Promise<string | null> {
      const options: OpenDialogOptions = {
        defaultPath: documentsDir(),
        properties: ['openDirectory', 'createDirectory']
      }
      const window = getWindow()
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
}
