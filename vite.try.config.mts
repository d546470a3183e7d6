/** Builds the command line (and the benchmark) for plain Node: out/cli/*.cjs. */
import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { defineConfig } from 'vite'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/try',
    emptyOutDir: true,
    minify: false,
    sourcemap: true, emptyOutDir: true,
    rollupOptions: {
      input: { t: 'scripts/_bundle-try.mts' },
      // playwright-core (the bench's Chromium cases) loads its own files at run time
      external: [
        'better-sqlite3',
        'playwright-core',
        ...builtinModules,
        ...builtinModules.map((m) => `node:${m}`)
      ],
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs'
      }
    }
  },
  ssr: { noExternal: true, external: ['better-sqlite3', 'playwright-core'] }
})
