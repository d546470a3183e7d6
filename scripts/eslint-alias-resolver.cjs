/**
 * An eslint-module-utils resolver (interface v2) for the project's own imports: the aliases
 * `@core/…` (electron/core) and `@/…` (src) and extension-less relative paths to .ts/.vue.
 * eslint-plugin-boundaries needs a resolved file to know which layer an import lands in.
 * Packages and Node builtins are left to the next resolver (node).
 */
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')
const ALIASES = [
  ['@core/', path.join(ROOT, 'electron/core') + path.sep],
  ['@/', path.join(ROOT, 'src') + path.sep]
]
const EXTENSIONS = ['', '.ts', '.vue', '.mts', '.js', '/index.ts']

function firstFile(base) {
  for (const ext of EXTENSIONS) {
    const candidate = base + ext
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

module.exports = {
  interfaceVersion: 2,
  resolve(source, file) {
    const alias = ALIASES.find(([prefix]) => source.startsWith(prefix))
    let base = null
    if (alias) base = alias[1] + source.slice(alias[0].length)
    else if (source.startsWith('.')) base = path.resolve(path.dirname(file), source)
    if (base === null) return { found: false }
    const found = firstFile(base)
    // an aliased path that names no file still belongs to its layer
    return found
      ? { found: true, path: found }
      : alias
        ? { found: true, path: base + '.ts' }
        : { found: false }
  }
}
