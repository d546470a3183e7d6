/**
 * Packaging (electron-builder): Windows NSIS x64, macOS dmg arm64 + x64, Linux AppImage + deb.
 * `npm run dist` builds for the platform it runs on; .github/workflows/dist.yml builds all
 * three on their own runners. Installers need Electron's binary and, for better-sqlite3, a
 * rebuild against Electron (npmRebuild below), so they cannot be made on a machine without
 * network access to those downloads.
 *
 * Fuses are flipped in the packaged Electron binary before signing: no ELECTRON_RUN_AS_NODE,
 * no NODE_OPTIONS, no --inspect, cookies encrypted, app code only from a validated app.asar,
 * and no extra privileges for file:// (the renderer comes from app://desk).
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'cn.deliverydesk.desktop',
  productName: '交付台 Delivery Desk',
  copyright: 'Copyright © 2026 Delivery Desk contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  // Vue, Element Plus and friends are bundled into out/renderer; only main's externals ship.
  asar: true,
  // the font the acceptance PDF embeds (and its licence), read by main from resources/fonts/
  extraResources: [{ from: 'resources/fonts', to: 'fonts' }],
  // A native module cannot be loaded from inside an archive.
  asarUnpack: ['node_modules/better-sqlite3/**', '**/*.node'],
  // Rebuild better-sqlite3 against the packaged Electron's ABI (restored for Node by postdist).
  npmRebuild: true,
  buildDependenciesFromSource: false,
  artifactName: 'delivery-desk-${version}-${os}-${arch}.${ext}',
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.ico',
    executableName: 'DeliveryDesk'
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    shortcutName: '交付台',
    uninstallDisplayName: '交付台 Delivery Desk',
    // the vault and customer data stay unless the user removes the folder themselves
    deleteAppDataOnUninstall: false
  },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    icon: 'resources/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true
  },
  dmg: { title: '交付台 Delivery Desk ${version}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] }
    ],
    icon: 'resources/icons',
    executableName: 'delivery-desk',
    category: 'Office',
    synopsis: '电子发票交付实施工作台 / e-invoicing delivery desk',
    maintainer: 'Delivery Desk maintainers <maintainers@delivery-desk.invalid>',
    desktop: { entry: { Name: '交付台 Delivery Desk', StartupWMClass: 'delivery-desk' } }
  }
}
