import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { endPrepaint, endPrepaintWithNextFrame } from './start/prepaint'
import { takeEarlyTyping } from './api/first-page'

// Marks for tracing the start (issue 13): the app's modules evaluated, then the shell mounted
// (the first route renders once the guard has the settings).
performance.mark('desk:modules')
createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
// The start page's picture of the list goes when the list has painted (CustomersView); on any
// other first route as soon as that has, and in any case after a few seconds. What was typed
// before the app ran is the list's search (CustomersView): on any other page it is dropped, and
// the keys are no longer kept. A first navigation that fails (its guard threw) reaches no list
// either: the keys must not stay kept on whatever page the user goes to next.
const leaveStartPage = (): void => {
  endPrepaintWithNextFrame()
  takeEarlyTyping()
}
void router.isReady().then(() => {
  if (router.currentRoute.value.name !== 'customers') leaveStartPage()
}, leaveStartPage)
setTimeout(endPrepaint, 5000)
performance.mark('desk:mounted')
