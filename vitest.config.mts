import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // electron-store imports 'electron'; inlining lets tests stub it with vi.mock.
          server: { deps: { inline: ['electron-store', 'conf'] } },
          include: [
            'tests/core/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/main/**/*.test.ts',
            'tests/scripts/**/*.test.ts'
          ],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000
        }
      },
      {
        // Renderer logic (composables) in node: Vue's reactivity needs no DOM.
        resolve: {
          alias: {
            '@': resolve(import.meta.dirname, 'src'),
            '@core': resolve(import.meta.dirname, 'electron/core')
          }
        },
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.ts'],
          environment: 'node',
          pool: 'forks'
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      }
    ]
  }
})
