import { ISSUE_MESSAGES } from '@core/errors/messages'
import type zhCN from './zh-CN'

const en: typeof zhCN = {
  app: { name: 'Delivery Desk', subtitle: 'E-invoicing cloud delivery' },
  nav: {
    customers: 'Customers',
    deliveries: 'Deliveries',
    settings: 'Settings',
    search: 'Search',
    newCustomer: 'New customer'
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    back: 'Back',
    edit: 'Edit',
    create: 'Create',
    archive: 'Archive',
    restore: 'Restore',
    loading: 'Loading…',
    saved: 'Saved',
    none: 'None',
    confirm: 'OK',
    retry: 'Retry',
    unexpected: 'Something went wrong: {message}'
  },
  fields: {
    name: 'Company name',
    taxId: 'Tax ID (unified social credit code)',
    address: 'Address',
    phone: 'Phone',
    bankName: 'Bank',
    bankAccount: 'Bank account',
    invoicer: 'Invoicer',
    adminMobile: 'Admin mobile',
    contactName: 'Contact',
    contactPhone: 'Contact phone',
    email: 'Reserved e-mail',
    notes: 'Notes',
    createdAt: 'Created',
    updatedAt: 'Updated',
    archivedAt: 'Archived'
  },
  placeholders: {
    name: 'As on the business licence',
    taxId: '18 characters, e.g. 91440300MA5G3K7P0R',
    address: 'Invoicing address',
    phone: 'e.g. 0931-8888888',
    bankName: 'e.g. ICBC Lanzhou Chengguan branch',
    bankAccount: '8–30 digits',
    invoicer: "Invoicer's name",
    adminMobile: 'Mobile used to log in to the merchant platform',
    contactName: "Customer's contact person",
    contactPhone: 'Mobile or landline',
    email: 'Separate several with commas',
    notes: ''
  },
  customers: {
    columns: { taxId: 'Tax ID' },
    title: 'Customers',
    searchPlaceholder: 'Search name, tax ID, contact, address, phone (Ctrl+K)',
    activeOnly: 'Active',
    showArchived: 'Include archived',
    archivedOnly: 'Archived only',
    total: '{n} customers',
    sort: {
      relevance: 'Relevance',
      name: 'Name',
      updatedAt: 'Recently updated',
      createdAt: 'Created'
    },
    emptyTitle: 'No customers yet',
    emptyHint:
      'Click “New customer” to add the first one, or import a CSV with desk customers import.',
    noMatch: 'No customer contains “{query}”',
    noMatchHint: 'Try another word, or check the archived customers.',
    archivedTag: 'Archived',
    overriddenTag: 'Tax ID override',
    newTitle: 'New customer',
    editTitle: 'Edit customer',
    sections: { master: 'Invoicing data', contact: 'Contact', other: 'Other' },
    requiredHint:
      'Fields with * are required; the rest can be filled in later, the stages will ask.',
    duplicate: 'This tax ID already belongs to “{name}”',
    openExisting: 'Open that customer',
    overrideToggle: 'This is a legacy code, save it anyway',
    overrideReason: 'Reason for the override (kept in the audit log)',
    overrideReasonPlaceholder:
      'e.g. as printed on the original licence, confirmed with the customer',
    created: 'Customer created',
    updated: 'Customer updated',
    archived: 'Customer archived',
    restored: 'Customer restored',
    archiveConfirm:
      'Archived customers are hidden from the list and can be restored at any time. Archive “{name}”?',
    history: 'History',
    noHistory: 'No entries yet',
    notFound: 'Customer not found',
    unsaved: 'You have unsaved changes. Leave anyway?',
    fixErrors: 'Please correct the fields marked in red first'
  },
  audit: {
    actions: {
      'customer.create': 'Created',
      'customer.update': 'Changed',
      'customer.archive': 'Archived',
      'customer.restore': 'Restored',
      'customer.import': 'Imported'
    },
    changed: '{field}: {from} → {to}'
  },
  settings: {
    title: 'Settings',
    implementerName: 'Implementer name',
    implementerHint: 'Written to the audit log and the acceptance form',
    language: 'Language',
    saved: 'Settings saved',
    about: 'About',
    dataDir: 'Data folder',
    dbPath: 'Database file',
    schemaVersion: 'Schema version',
    version: 'Version'
  },
  search: {
    title: 'Find a customer',
    placeholder: 'Type a name, tax ID, contact, address or phone',
    hint: '↑↓ to choose, Enter to open, Esc to close',
    empty: 'No matching customer'
  },
  deliveries: {
    title: 'Deliveries',
    emptyTitle: 'Deliveries',
    emptyHint: 'Start a delivery from a customer’s page.'
  },
  errors: ISSUE_MESSAGES.en.errors,
  warnings: ISSUE_MESSAGES.en.warnings
}

export default en
