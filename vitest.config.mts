import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  // the renderer's aliases, so unit tests can import src/ modules that use them
  resolve: {
    alias: {
      '@core': fileURLToPath(new URL('./electron/core', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url))
    }
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // electron-store imports 'electron'; inlining lets tests stub it with vi.mock.
          server: { deps: { inline: ['electron-store', 'conf'] } },
          include: [
            'tests/core/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/main/**/*.test.ts',
            'tests/scripts/**/*.test.ts',
            'tests/i18n/**/*.test.ts',
            'tests/lint/**/*.test.ts'
          ],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000
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
