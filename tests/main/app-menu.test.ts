import { describe, expect, it } from 'vitest'
import {
  applicationMenuTemplate,
  DEVELOPER_ROLES,
  menuRoles
} from '../../electron/main/app-menu.main'

describe('the application menu', () => {
  it('has no DevTools or reload item in a packaged build on any platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const roles = menuRoles(applicationMenuTemplate(platform, { developer: false }))
      for (const role of DEVELOPER_ROLES) expect(roles, platform).not.toContain(role)
      expect(roles).toContain('copy')
      expect(roles).toContain('paste')
    }
  })

  it('keeps reload and DevTools for development only', () => {
    const roles = menuRoles(applicationMenuTemplate('linux', { developer: true }))
    for (const role of DEVELOPER_ROLES) expect(roles).toContain(role)
  })

  it('gives macOS its app menu with quit, and the others quit from the file menu', () => {
    expect(menuRoles(applicationMenuTemplate('darwin', { developer: false }))).toContain('appMenu')
    const win = menuRoles(applicationMenuTemplate('win32', { developer: false }))
    expect(win).not.toContain('appMenu')
    expect(win).toContain('quit')
  })
})
