import { createRouter, createWebHashHistory } from 'vue-router'
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
    {
      // the acceptance form's print view, printed to PDF (no app shell around it)
      path: '/print/acceptance/:formId(\\d+)',
      name: 'acceptance-print',
      component: () => import('./views/AcceptancePrintView.vue'),
      props: (route) => ({ formId: Number(route.params.formId) }),
      meta: { bare: true }
    },
    { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
    { path: '/playbook', name: 'playbook', component: () => import('./views/PlaybookView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/recovery', name: 'recovery', component: () => import('./views/RecoveryView.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/customers' }
  ]
})
