import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openNodeCore } from '../../electron/core/node-core'
import type { Core } from '../../electron/core/core'

export interface TempCore {
  dir: string
  dbPath: string
  core: Core
  /** advances the fake clock by ms */
  tick(ms?: number): void
  cleanup(): void
}

/** A real database file in a fresh temp folder, with a controllable clock. */
export function tempCore(options: { implementer?: string } = {}): TempCore {
  const dir = mkdtempSync(join(tmpdir(), 'desk-test-'))
  const dbPath = join(dir, 'desk.sqlite')
  let now = Date.parse('2026-03-01T08:00:00.000Z')
  const core = openNodeCore(dbPath, { clock: () => new Date(now) })
  if (options.implementer !== undefined)
    core.deps.settings.update({ implementerName: options.implementer })
  return {
    dir,
    dbPath,
    core,
    tick: (ms = 1000) => {
      now += ms
    },
    cleanup: () => {
      if (core.deps.db.open) core.deps.db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const LANZHOU = {
  name: '兰州黄河云票科技有限公司',
  taxId: '91440300MA5G3K7P0R',
  address: '甘肃省兰州市城关区张掖路 88 号',
  phone: '0931-8866123',
  contactName: '张伟',
  contactPhone: '13912345678'
}

export const SHENZHEN = {
  name: '深圳华为云开票服务有限公司',
  taxId: '914403001922038216',
  address: '广东省深圳市龙岗区坂田街道',
  contactName: '李娜'
}
