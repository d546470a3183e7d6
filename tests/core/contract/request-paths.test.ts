import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { contract } from '../../../electron/core/contract/contract'
import { isAbsolutePath } from '../../../electron/core/contract/file-path'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { createHandlers } from '../../../electron/core/handlers'
import { tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
afterEach(() => t.cleanup())

describe('paths in requests', () => {
  it('refuses a relative path before anything is written, and takes an absolute one', async () => {
    t = tempCore()
    const handlers = createHandlers(t.core)
    const before = readdirSync(process.cwd())
    for (const path of ['客户表.xlsx', './out.xlsx', '../x.xlsx', ' /x.xlsx']) {
      const answer = await dispatch(handlers, 'reports.exportXlsx', { kind: 'customers', path })
      expect(answer, path).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', field: 'path' }
      })
    }
    expect(readdirSync(process.cwd())).toEqual(before)
    const target = join(t.dir, '客户表.xlsx')
    const answer = await dispatch(handlers, 'reports.exportXlsx', {
      kind: 'customers',
      path: target
    })
    expect(answer).toMatchObject({ ok: true, result: { path: target } })
    expect(existsSync(target)).toBe(true)
  })

  it('knows POSIX, Windows drive and UNC paths as absolute', () => {
    for (const path of [
      '/home/li/a.docx',
      'C:\\Users\\li\\a.docx',
      'd:/a.docx',
      '\\\\nas\\share\\a'
    ])
      expect(isAbsolutePath(path), path).toBe(true)
    for (const path of ['a.docx', 'C:a.docx', '.\\a', '~/a.docx', ''])
      expect(isAbsolutePath(path), path).toBe(false)
  })

  it('applies to every call that takes a path', () => {
    const withPath = Object.entries(contract).filter(([, c]) => {
      const shape = (c.request as unknown as { shape?: Record<string, unknown> }).shape
      return shape !== undefined && 'path' in shape
    })
    expect(withPath.length).toBeGreaterThanOrEqual(9)
    for (const [name, c] of withPath) {
      const parsed = c.request.safeParse({ path: 'relative.file' })
      const issues = parsed.success ? [] : parsed.error.issues
      expect(
        issues.some((i) => i.path.join('.') === 'path' && i.code === 'custom'),
        name
      ).toBe(true)
    }
  })
})
