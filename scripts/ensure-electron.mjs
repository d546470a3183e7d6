#!/usr/bin/env node
/**
 * Start step for `npm run dev` / `npm start` (never run by install or tests):
 *  1. fetches Electron's binary when it is missing (package.json "allowScripts" keeps
 *     `npm ci` from downloading it, so installs work offline);
 *  2. makes an Electron-ABI build of better-sqlite3 under .native/ when missing. node_modules
 *     keeps the Node-ABI build that the tests and the CLI use, so neither breaks the other.
 * Needs the network the first time only. `--plan` prints what it would do and exits.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(ROOT, 'package.json'))

/** Must match electronBindingPath in electron/main/native-binding.main.ts (a test pins that). */
export function electronBindingPath(projectRoot, electronVersion, platform, arch) {
  return join(
    projectRoot,
    '.native',
    'better-sqlite3',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node'
  )
}

/**
 * What the start step has to do, from what is on disk.
 * @param {{ electronBinaryPresent: boolean, bindingPresent: boolean }} state
 * @returns {('download-electron' | 'build-binding')[]}
 */
export function planSetup(state) {
  const steps = []
  if (!state.electronBinaryPresent) steps.push('download-electron')
  if (!state.bindingPresent) steps.push('build-binding')
  return steps
}

/** Electron's own test for an installed binary: path.txt names a file under dist/. */
export function electronBinaryPresent(electronDir) {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return false
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
}

/** The environment for child builds: no machine-specific Node headers, no skip flag. */
export function childEnv(env) {
  const out = { ...env }
  for (const key of Object.keys(out)) {
    const k = key.toLowerCase()
    if (k === 'npm_config_nodedir' || k === 'electron_skip_binary_download') delete out[key]
  }
  return out
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: childEnv(process.env) })
  return r.status === 0
}

function nodeGypScript() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp
  const candidates = [
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js'
    ),
    join(
      dirname(process.execPath),
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js'
    )
  ]
  return candidates.find((c) => existsSync(c)) ?? null
}

function buildBinding(version, target) {
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  const work = join(ROOT, '.native', `build-${process.pid}`)
  rmSync(work, { recursive: true, force: true })
  cpSync(source, work, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) })
  try {
    const args = [
      `--runtime=electron`,
      `--target=${version}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`
    ]
    let ok = false
    try {
      const prebuild = require.resolve('prebuild-install/bin.js', { paths: [source] })
      console.log(
        '› 下载 better-sqlite3 的 Electron 预编译版本 / fetching prebuilt better-sqlite3 for Electron'
      )
      ok = run(process.execPath, [prebuild, ...args], work)
    } catch {
      ok = false
    }
    if (!ok) {
      const gyp = nodeGypScript()
      if (!gyp)
        throw new Error('node-gyp not found (it ships with npm); run this through `npm run dev`')
      console.log(
        '› 编译 better-sqlite3（Electron 头文件）/ compiling better-sqlite3 against Electron headers'
      )
      ok = run(
        process.execPath,
        [
          gyp,
          'rebuild',
          '--release',
          `--target=${version}`,
          `--arch=${process.arch}`,
          '--runtime=electron',
          '--dist-url=https://electronjs.org/headers'
        ],
        work
      )
    }
    const built = join(work, 'build', 'Release', 'better_sqlite3.node')
    if (!ok || !existsSync(built)) throw new Error('could not build better-sqlite3 for Electron')
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(built, target)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function main() {
  const electronDir = dirname(require.resolve('electron/package.json'))
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
  const target = electronBindingPath(ROOT, version, process.platform, process.arch)
  const steps = planSetup({
    electronBinaryPresent: electronBinaryPresent(electronDir),
    bindingPresent: existsSync(target)
  })
  if (process.argv.includes('--plan')) {
    console.log(JSON.stringify({ electron: version, binding: target, steps }))
    return
  }
  if (steps.includes('download-electron')) {
    console.log(
      `› 首次启动：下载 Electron ${version} / first start: downloading Electron ${version}`
    )
    if (
      !run(process.execPath, [join(electronDir, 'install.js')], electronDir) ||
      !electronBinaryPresent(electronDir)
    ) {
      throw new Error(
        `Electron ${version} could not be downloaded. The first start needs network access (or set ELECTRON_MIRROR).`
      )
    }
  }
  if (steps.includes('build-binding')) buildBinding(version, target)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main()
  } catch (error) {
    console.error(`\n✗ 启动准备失败 / start step failed: ${error.message}`)
    process.exit(1)
  }
}
