import { createRouter, createWebHashHistory } from 'vue-router'
import { useSettingsStore } from './stores/settings'
// The start page is part of the first bundle (no second round of requests before it can
// show); every other page is loaded when first visited.
import CustomersView from './views/CustomersView.vue'

export const router = createRouter({
  // Hash history: the built app is loaded from a file:// URL.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/customers' },
    { path: '/customers', name: 'customers', component: CustomersView },
    {
      path: '/customers/new',
      name: 'customer-new',
      component: () => import('./views/CustomerEditView.vue')
    },
    {
      path: '/customers/import',
      name: 'customer-import',
      component: () => import('./views/ImportView.vue')
    },
    {
      path: '/customers/:id(\\d+)',
      name: 'customer',
      component: () => import('./views/CustomerEditView.vue'),
      props: (route) => ({ id: Number(route.params.id) })
    },
    {
      path: '/deliveries',
      name: 'deliveries',
      component: () => import('./views/DeliveriesView.vue')
    },
    {
      path: '/deliveries/:id(\\d+)',
      name: 'delivery',
      component: () => import('./views/DeliveryView.vue'),
      props: (route) => ({ id: Number(route.params.id) })
    },
    {
      path: '/deliveries/:id(\\d+)/acceptance',
      name: 'acceptance',
      component: () => import('./views/AcceptanceView.vue'),
      props: (route) => ({ id: Number(route.params.id) })
    },
    { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
    { path: '/playbook', name: 'playbook', component: () => import('./views/PlaybookView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    {
      path: '/welcome',
      name: 'first-run',
      component: () => import('./views/FirstRunView.vue')
    },
    { path: '/recovery', name: 'recovery', component: () => import('./views/RecoveryView.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/customers' }
  ]
})

// Nothing is recorded under a placeholder name: until the implementer's name is set, every
// route leads to the first-run step, which returns to where the user was going.
router.beforeEach(async (to) => {
  // recovery mode has no settings to read; a bare route (no app shell) is never a user's first stop
  if (to.name === 'recovery' || to.meta.bare) return true
  const settings = useSettingsStore()
  await settings.ensureLoaded()
  if (settings.firstRunDue && to.name !== 'first-run') {
    return { name: 'first-run', query: { next: to.fullPath } }
  }
  if (!settings.firstRunDue && to.name === 'first-run') return { path: '/customers' }
  return true
})
