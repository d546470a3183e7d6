/**
 * The layer rule in eslint.config.mjs, run through ESLint's Node API on small sources placed
 * (by file path) in each layer: every forbidden import is reported, and the allowed ones are not.
 */
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'boundaries/dependencies')
    .map((m) => m.message)
}

describe('import boundaries', () => {
  it('refuses electron in the domain', async () => {
    const messages = await boundaryMessages(
      'electron/core/customers/zz-fixture.ts',
      "import { app } from 'electron'\nexport const a = app\n"
    )
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('"electron"')
  })

  it('refuses main-process code in the domain', async () => {
    const messages = await boundaryMessages(
      'electron/core/deliveries/zz-fixture.ts',
      "import { startApp } from '../../main/index'\nexport const a = startApp\n"
    )
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('"main"')
  })

  it('refuses Node builtins in the renderer, with or without the node: prefix', async () => {
    for (const source of ['node:fs', 'fs', 'node:path', 'child_process']) {
      const messages = await boundaryMessages(
        'src/composables/zz-fixture.ts',
        `import * as m from '${source}'\nexport const a = m\n`
      )
      expect(messages, source).toHaveLength(1)
      expect(messages[0]).toContain('origin "core"')
    }
  })

  it('refuses Node builtins and electron in a Vue component too', async () => {
    const messages = await boundaryMessages(
      'src/components/ZzFixture.vue',
      `<script setup lang="ts">\nimport { readFileSync } from 'node:fs'\nimport { shell } from 'electron'\nconst a = [readFileSync, shell]\n</script>\n<template><div>{{ a.length }}</div></template>\n`
    )
    expect(messages).toHaveLength(2)
  })

  it('refuses a runtime import of a core service, repository or database module in the renderer', async () => {
    for (const target of [
      '@core/customers/customer-service',
      '@core/customers/customer-repository',
      '@core/db/database',
      '@core/contract/dispatch',
      '@core/vault/vault-crypto'
    ]) {
      const messages = await boundaryMessages(
        'src/stores/zz-fixture.ts',
        `import * as m from '${target}'\nexport const a = m\n`
      )
      expect(messages, target).toHaveLength(1)
      expect(messages[0]).toContain('"impure"')
    }
  })

  it('refuses main-process code in the renderer, also by relative path', async () => {
    const messages = await boundaryMessages(
      'src/views/zz-fixture.ts',
      "import { createWindow } from '../../electron/main/index'\nexport const a = createWindow\n"
    )
    expect(messages).toHaveLength(1)
  })

  it('lets the renderer use the pure modules: data, types, validation, messages', async () => {
    for (const target of [
      '@core/errors/messages',
      '@core/errors/labels',
      '@core/customers/customer-fields',
      '@core/stages/stage-definitions',
      '@core/stages/stage-rules',
      '@core/validation/uscc',
      '@core/vault/credential-fields',
      '@core/acceptance/acceptance-form',
      '@core/acceptance/acceptance-types',
      '@core/deliveries/delivery-types'
    ]) {
      const messages = await boundaryMessages(
        'src/stores/zz-fixture.ts',
        `import * as m from '${target}'\nexport const a = m\n`
      )
      expect(messages, target).toEqual([])
    }
  })

  it('lets the renderer take types from any core module (erased at build)', async () => {
    const messages = await boundaryMessages(
      'src/stores/zz-fixture.ts',
      "import type { CustomerService } from '@core/customers/customer-service'\nexport type A = CustomerService\n"
    )
    expect(messages).toEqual([])
  })

  it('lets the domain use Node builtins and its own modules', async () => {
    const messages = await boundaryMessages(
      'electron/core/customers/zz-fixture.ts',
      "import { join } from 'node:path'\nimport { DeskError } from '../errors/desk-error'\nexport const a = [join, DeskError]\n"
    )
    expect(messages).toEqual([])
  })
})
