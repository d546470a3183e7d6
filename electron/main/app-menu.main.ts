/**
 * The application menu. Electron's default menu carries Reload, Force Reload and Toggle
 * Developer Tools (with their shortcuts); a packaged build offers none of them. Development
 * builds keep reload and DevTools under a separate "Developer" menu.
 */
import type { MenuItemConstructorOptions } from 'electron'

/** Roles that open DevTools or reload the page (which would drop unsaved form state). */
export const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload'] as const

export function applicationMenuTemplate(
  platform: NodeJS.Platform,
  options: { developer: boolean }
): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = []
  if (platform === 'darwin') {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' }
      ]
    })
  }
  template.push(
    { role: 'fileMenu', submenu: [platform === 'darwin' ? { role: 'close' } : { role: 'quit' }] },
    {
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    {
      role: 'viewMenu',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    {
      role: 'windowMenu',
      // 'zoom' exists on macOS only
      submenu:
        platform === 'darwin' ? [{ role: 'minimize' }, { role: 'zoom' }] : [{ role: 'minimize' }]
    }
  )
  if (options.developer) {
    template.push({
      label: 'Developer',
      submenu: DEVELOPER_ROLES.map((role) => ({ role }))
    })
  }
  return template
}

/** Every role in a template, submenus included (what the tests look through). */
export function menuRoles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? menuRoles(item.submenu) : [])
  ])
}
