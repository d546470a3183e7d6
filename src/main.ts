import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/app.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'

// Marks for tracing the start (issue 13): the app's modules evaluated, then the shell mounted
// (the first route renders once the guard has the settings).
performance.mark('desk:modules')
createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
performance.mark('desk:mounted')
