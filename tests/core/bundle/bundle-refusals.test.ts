import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  BUNDLE_PASS,
  cleanupLaptops,
  contentOf,
  fullCustomer,
  laptop,
  refusalOf,
  VAULT_A,
  VAULT_B,
  type Laptop
} from './bundle-fixture'

afterEach(cleanupLaptops)

let a: Laptop
let b: Laptop
let file: string

beforeEach(async () => {
  a = laptop('a')
  await a.core.vault.setup(VAULT_A)
  const { customerId } = await fullCustomer(a)
  file = join(a.dir, 'handover.ddbundle')
  await a.core.bundles.export(
    { customerIds: [customerId], includeSecrets: true, bundlePassphrase: BUNDLE_PASS },
    file
  )
  b = laptop('b')
  await b.core.vault.setup(VAULT_B)
})

/** Both preview and import refuse with `code`, and laptop B is unchanged, no file written. */
async function refusedEverywhere(path: string, code: string, passphrase = BUNDLE_PASS) {
  const before = contentOf(b.core)
  const backupsBefore = (await b.core.backups.list()).items.length
  expect((await refusalOf(b.core.bundles.preview(path, passphrase))).code).toBe(code)
  expect((await refusalOf(b.core.bundles.import(path, passphrase, []))).code).toBe(code)
  expect(contentOf(b.core)).toBe(before)
  expect((await b.core.backups.list()).items.length).toBe(backupsBefore)
  expect(existsSync(join(b.dir, 'handover'))).toBe(false)
}

describe('a bundle that must not be imported', () => {
  it('is refused with a wrong passphrase', async () => {
    await refusedEverywhere(file, 'BUNDLE_BAD_PASSPHRASE', 'not the bundle passphrase')
  })

  it('is refused when one byte anywhere after the header changed', async () => {
    const bytes = readFileSync(file)
    for (const at of [bytes.length - 1, bytes.length - 20, Math.floor(bytes.length / 2)]) {
      const copy = Buffer.from(bytes)
      copy[at] = copy[at]! ^ 0x01
      const changed = join(b.dir, `changed-${at}.ddbundle`)
      writeFileSync(changed, copy)
      await refusedEverywhere(changed, 'BUNDLE_DAMAGED')
    }
  })

  it('is refused when a byte of the clear header changed (it is authenticated)', async () => {
    const bytes = readFileSync(file)
    const text = bytes.toString('latin1')
    const at = text.indexOf('"appVersion":"') + '"appVersion":"'.length
    const copy = Buffer.from(bytes)
    copy[at] = copy[at] === 0x30 ? 0x31 : 0x30
    const changed = join(b.dir, 'header.ddbundle')
    writeFileSync(changed, copy)
    await refusedEverywhere(changed, 'BUNDLE_DAMAGED')
  })

  it('is refused when truncated, zeroed or random bytes', async () => {
    const size = readFileSync(file).length
    const truncated = join(b.dir, 'truncated.ddbundle')
    writeFileSync(truncated, readFileSync(file))
    truncateSync(truncated, size - 100)
    await refusedEverywhere(truncated, 'BUNDLE_DAMAGED')
    const zeroed = join(b.dir, 'zeroed.ddbundle')
    writeFileSync(zeroed, Buffer.alloc(size))
    await refusedEverywhere(zeroed, 'BUNDLE_DAMAGED')
    const random = join(b.dir, 'random.ddbundle')
    writeFileSync(random, randomBytes(size))
    await refusedEverywhere(random, 'BUNDLE_DAMAGED')
    const empty = join(b.dir, 'empty.ddbundle')
    writeFileSync(empty, '')
    await refusedEverywhere(empty, 'BUNDLE_DAMAGED')
  })

  it('is refused when it is a sealed backup, not a bundle', async () => {
    const backupDir = join(a.dir, 'external')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(backupDir)
    a.core.backups.setFolder(backupDir)
    const made = await a.core.backups.create({ sealed: true, passphrase: BUNDLE_PASS })
    const sealed = join(backupDir, made.external!.fileName)
    await refusedEverywhere(sealed, 'BUNDLE_NOT_A_BUNDLE')
  })

  it('is refused when the file is missing or its name cannot be a file name', async () => {
    await refusedEverywhere(join(b.dir, 'nowhere.ddbundle'), 'FILE_NOT_READABLE')
    // found by the fuzz: a NUL byte made Node throw before the file was even looked for
    await refusedEverywhere(join(b.dir, 'a\u0000b.ddbundle'), 'FILE_NOT_READABLE')
  })
})
