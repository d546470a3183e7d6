#!/usr/bin/env node
/**
 * Runs electronegativity over the main process and the preload, and fails on any finding.
 *
 * Why the TypeScript sources and not out/main/index.js: electronegativity's parser silently
 * skips a file it cannot parse (class private fields in the bundle: "Unknown node type
 * ClassPrivateProperty"), and then none of its main-process checks runs. So every scanned file
 * gets a canary line that must produce a NODE_INTEGRATION_JS_CHECK finding: a file without its
 * canary finding was not parsed, and the scan fails. Every other finding fails the scan too;
 * one that is accepted is disabled in place with `// eng-disable CHECK: reason`.
 * The built index.html is scanned with them, for the CSP meta tag (the app:// handler also
 * sends the CSP as a header, which a static scan cannot see).
 */
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  appendFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(ROOT, 'package.json'))
export const CANARY =
  'new BrowserWindow({ webPreferences: { nodeIntegration: true } }) // electronegativity parse canary'

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
  )
}

/**
 * Reads electronegativity's SARIF report into rows. SARIF and not CSV: the CSV writer starts two
 * unawaited writes (the header with 'w', the rows with 'a'), and when the header lands second it
 * overwrites the first row's opening bytes, so the first file's canary vanished on a slower
 * machine. The SARIF report is one write. SARIF carries no sample, so `sampleAt(file, line)`
 * supplies the source line; global checks have no file ('file:///').
 */
export function parseSarif(text, sampleAt = () => undefined) {
  const report = JSON.parse(text)
  const results = report?.runs?.[0]?.results
  if (!Array.isArray(results)) throw new Error('electronegativity wrote a report without results')
  return results.map((r) => {
    const where = r.locations?.[0]?.physicalLocation
    const uri = where?.artifactLocation?.uri
    const filename = !uri || uri === 'file:///' ? 'N/A' : uri
    const line = Number(where?.region?.startLine)
    return {
      issue: r.ruleId,
      filename,
      line,
      sample: filename === 'N/A' ? r.message?.text : sampleAt(filename, line)
    }
  })
}

/**
 * Splits findings into the canaries (one per scanned file expected) and the real ones.
 * @returns {{ unparsed: string[], findings: object[] }}
 */
export function judge(rows, canaryLines) {
  const unparsed = []
  for (const [file, line] of Object.entries(canaryLines)) {
    const hit = rows.some(
      (r) => r.issue === 'NODE_INTEGRATION_JS_CHECK' && r.filename === file && r.line === line
    )
    if (!hit) unparsed.push(file)
  }
  const findings = rows.filter(
    (r) => !(r.filename in canaryLines && r.line === canaryLines[r.filename])
  )
  return { unparsed, findings }
}

function main() {
  const html = join(ROOT, 'out', 'renderer', 'index.html')
  if (!existsSync(html))
    throw new Error('out/renderer/index.html is missing: run `npm run build:all` first')
  const work = mkdtempSync(join(tmpdir(), 'desk-eneg-'))
  try {
    const canaryLines = {}
    for (const part of ['main', 'preload']) {
      cpSync(join(ROOT, 'electron', part), join(work, part), { recursive: true })
    }
    for (const file of walk(work).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(file, 'utf8').split('\n').length
      appendFileSync(file, `\n${CANARY}\n`)
      canaryLines[relative(work, file)] = lines + 1
    }
    cpSync(html, join(work, 'index.html'))
    const version = require('electron/package.json').version
    const report = join(work, 'findings.sarif')
    const cli = join(
      dirname(require.resolve('@doyensec/electronegativity/package.json')),
      'dist',
      'index.js'
    )
    const r = spawnSync(process.execPath, [cli, '-i', work, '-e', version, '-r', '-o', report], {
      encoding: 'utf8',
      timeout: 180_000
    })
    if (!existsSync(report))
      throw new Error(`electronegativity wrote no report:\n${r.stdout}\n${r.stderr}`)
    const sampleAt = (file, line) =>
      existsSync(join(work, file))
        ? readFileSync(join(work, file), 'utf8').split('\n')[line - 1]?.trim()
        : undefined
    const rows = parseSarif(readFileSync(report, 'utf8'), sampleAt)
    const { unparsed, findings } = judge(rows, canaryLines)
    const files = Object.keys(canaryLines).length
    if (unparsed.length) {
      console.error(`✗ electronegativity did not parse: ${unparsed.join(', ')}`)
      process.exitCode = 1
    }
    if (findings.length) {
      console.error('✗ electronegativity findings (fix them, or disable in place with a reason):')
      for (const f of findings)
        console.error(`  ${f.issue} ${f.filename}:${f.line} ${f.sample ?? ''}`)
      process.exitCode = 1
    }
    if (!process.exitCode)
      console.log(
        `✓ electronegativity: ${files} main/preload files parsed, 0 findings (Electron ${version})`
      )
    writeFileSync(join(ROOT, 'out', 'electronegativity.sarif'), readFileSync(report))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main()
  } catch (error) {
    console.error(`✗ ${error.message}`)
    process.exit(1)
  }
}
