/// <reference types="vite/client" />
import type { BridgeApi } from '@core/contract/bridge-api'

declare global {
  interface Window {
    /** exposed by the preload (or the browser-test bridge); see electron/preload/index.ts */
    desk: BridgeApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
