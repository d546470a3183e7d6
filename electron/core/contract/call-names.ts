/**
 * Every call of the contract by name, with no runtime dependencies: the sandboxed preload
 * builds its API from this list. contract.ts checks at compile time that it matches.
 */
export const CALL_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'audit.list',
  'customers.create',
  'customers.update',
  'customers.get',
  'customers.search',
  'customers.findByTaxId',
  'customers.archive',
  'customers.restore',
  'customers.parseText',
  'stages.definitions',
  'stages.update',
  'deliveries.create',
  'deliveries.get',
  'deliveries.list',
  'deliveries.update',
  'incidents.create',
  'incidents.update',
  'incidents.list',
  'dashboard.summary',
  'acceptance.get',
  'acceptance.save',
  'acceptance.sign',
  'acceptance.markSigned',
  'acceptance.export',
  'acceptance.verify',
  'acceptance.attachScan',
  'acceptance.list',
  'acceptance.exportPdf',
  'links.open',
  'app.saveStartPage',
  'vault.status',
  'vault.setup',
  'vault.unlock',
  'vault.unlockWithOs',
  'vault.lock',
  'vault.changePassphrase',
  'vault.setOsUnlock',
  'vault.touch',
  'credentials.set',
  'credentials.list',
  'credentials.reveal',
  'credentials.copy',
  'credentials.handoff',
  'credentials.confirmHandoff',
  'import.preview',
  'import.run',
  'import.status',
  'import.saveReport',
  'backup.create',
  'backup.list',
  'backup.restore',
  'backup.setFolder',
  'evidence.add',
  'evidence.list',
  'evidence.preview',
  'evidence.open',
  'evidence.remove',
  'acceptance.openScan',
  'credentials.delete',
  'credentials.purgeHistory',
  'credentials.parseText',
  'credentials.setMany',
  'reports.exportXlsx',
  'reports.weekly',
  'recovery.status',
  'recovery.restoreLatest',
  'recovery.startFresh',
  'bundle.export',
  'bundle.preview',
  'bundle.import'
] as const

export type CallName = (typeof CALL_NAMES)[number]

/** The one IPC channel every call travels on (main handles it, the preload invokes it). */
export const CALL_CHANNEL = 'desk:call'

/** `customers.search` → ['customers', 'search'] */
export function splitCallName(name: string): [string, string] {
  const dot = name.indexOf('.')
  return [name.slice(0, dot), name.slice(dot + 1)]
}
