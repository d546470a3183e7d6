import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import type { Plugin } from 'vite'
import { CSP_BUILD, CSP_DEV } from './electron/main/content-security-policy'

// One CSP text: the app:// handler sends it as a header, the meta tag repeats it.
function contentSecurityPolicy(): Plugin {
  let csp = CSP_BUILD
  return {
    name: 'desk-csp',
    configResolved(config) {
      csp = config.command === 'serve' ? CSP_DEV : CSP_BUILD
    },
    transformIndexHtml(html) {
      return html.replace('%CSP%', csp)
    }
  }
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['electron-store'] },
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src'),
    resolve: {
      alias: {
        '@': resolve(__dirname, 'src'),
        '@core': resolve(__dirname, 'electron/core')
      }
    },
    plugins: [
      vue(),
      Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
      contentSecurityPolicy()
    ],
    build: {
      // electron-vite 6 leaves the renderer unminified: 522 KiB gzip at start, 348 minified.
      // DESK_NO_MINIFY=1 / DESK_SOURCEMAP=1: a readable build for profiling (never shipped)
      minify: process.env.DESK_NO_MINIFY ? false : true,
      sourcemap: Boolean(process.env.DESK_SOURCEMAP),
      rollupOptions: { input: { index: resolve(__dirname, 'src/index.html') } }
    }
  }
})
