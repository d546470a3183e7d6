#!/usr/bin/env node
/**
 * Start step for `npm run dev` / `npm start` (never run by install or tests):
 *  1. fetches Electron's binary when it is missing (package.json "allowScripts" keeps
 *     `npm ci` from downloading it, so installs work offline);
 *  2. makes an Electron-ABI build of better-sqlite3 under .native/ when missing. node_modules
 *     keeps the Node-ABI build that the tests and the CLI use, so neither breaks the other.
 * Needs the network the first time only. `--plan` prints what it would do and exits.
 *
 * Where the network reaches GitHub badly (mainland China, many company networks) it honours
 * the same settings as Electron's own installer: ELECTRON_MIRROR / ELECTRON_CUSTOM_DIR /
 * ELECTRON_CUSTOM_FILENAME and npm's electron_mirror / electron_custom_dir (.npmrc), npm's
 * electron_config_cache, better-sqlite3's prebuild mirror (better_sqlite3_binary_host[_mirror])
 * and ELECTRON_HEADERS_MIRROR for a source build. DESK_ELECTRON_ZIP=/path/to/electron-vX-….zip
 * uses a zip downloaded elsewhere (checked against Electron's SHA-256 list before use).
 * On failure it names the URL it tried and what to do next.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
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

/**
 * The environment for child builds: no machine-specific Node headers, no skip flag; npm's
 * electron cache setting passed on under the name Electron's installer reads, and
 * better-sqlite3's mirror accepted in upper case too.
 */
export function childEnv(env) {
  const out = { ...env }
  for (const key of Object.keys(out)) {
    const k = key.toLowerCase()
    if (k === 'npm_config_nodedir' || k === 'electron_skip_binary_download') delete out[key]
  }
  if (!out.electron_config_cache && out.npm_config_electron_config_cache)
    out.electron_config_cache = out.npm_config_electron_config_cache
  for (const suffix of ['binary_host', 'binary_host_mirror']) {
    const upper = `BETTER_SQLITE3_${suffix.toUpperCase()}`
    if (out[upper] && !out[`npm_config_better_sqlite3_${suffix}`])
      out[`npm_config_better_sqlite3_${suffix}`] = out[upper]
  }
  return out
}

export const GITHUB_ELECTRON = 'https://github.com/electron/electron/releases/download/'
/** The mirror Electron's documentation gives for mainland China, with its directory layout. */
export const CHINA_ELECTRON_MIRROR = 'https://npmmirror.com/mirrors/electron/'
export const CHINA_SQLITE_MIRROR = 'https://registry.npmmirror.com/-/binary/better-sqlite3'

/**
 * One of @electron/get's mirror settings, in its order (.npmrc, package.json config,
 * environment): the value and the name it was found under.
 */
export function electronSetting(env, name) {
  const snake = name.replace(/([a-z])([A-Z])/g, (_, a, b) => `${a}_${b}`).toLowerCase()
  for (const key of [
    `npm_config_electron_${name.toLowerCase()}`,
    `NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`,
    `npm_config_electron_${snake}`,
    `npm_package_config_electron_${name}`,
    `npm_package_config_electron_${snake}`,
    `ELECTRON_${snake.toUpperCase()}`
  ]) {
    if (env[key]) return { value: env[key], from: key }
  }
  return null
}

/** The URL Electron's installer downloads the zip from, with the same settings it reads. */
export function electronDownloadUrl(version, platform, arch, env) {
  const v = version.replace(/^v/, '')
  const base = electronSetting(env, 'mirror')?.value ?? GITHUB_ELECTRON
  const dir = (electronSetting(env, 'customDir')?.value ?? `v${v}`).replace('{{ version }}', v)
  const file =
    electronSetting(env, 'customFilename')?.value ?? `electron-v${v}-${platform}-${arch}.zip`
  return `${base}${dir}/${file}`
}

/** Where @electron/get's cache keeps a file downloaded from `url` (sha256 of its folder URL). */
export function electronCachePath(cacheRoot, url) {
  const parsed = new URL(url)
  parsed.hash = ''
  parsed.search = ''
  parsed.pathname = parsed.pathname.replace(/\/[^/]*$/, '') || '/'
  const dir = createHash('sha256').update(parsed.toString()).digest('hex')
  return join(cacheRoot, dir, url.split('/').pop())
}

/** better-sqlite3's prebuilt for an Electron ABI, as prebuild-install builds the URL. */
export function sqlitePrebuiltUrl(sqliteVersion, abi, platform, arch, env) {
  const host =
    env.npm_config_better_sqlite3_binary_host ||
    env.npm_config_better_sqlite3_binary_host_mirror ||
    env.BETTER_SQLITE3_BINARY_HOST ||
    env.BETTER_SQLITE3_BINARY_HOST_MIRROR ||
    'https://github.com/WiseLibs/better-sqlite3/releases/download'
  const file = `better-sqlite3-v${sqliteVersion}-electron-v${abi}-${platform}-${arch}.tar.gz`
  return `${host.replace(/\/$/, '')}/v${sqliteVersion}/${file}`
}

/** Where Electron's headers come from for a source build of better-sqlite3. */
export function electronHeadersUrl(env) {
  return (
    env.ELECTRON_HEADERS_MIRROR ||
    env.npm_config_electron_headers_mirror ||
    'https://electronjs.org/headers'
  )
}

const WITHOUT_ELECTRON =
  '测试和命令行不需要 Electron / the tests and the CLI work without Electron: npm test, npm run desk -- doctor'

/** What to tell a new user when Electron's download failed. */
export function electronFailureMessage({ version, platform, arch, env }) {
  const url = electronDownloadUrl(version, platform, arch, env)
  const mirror = electronSetting(env, 'mirror')
  const lines = [`Electron ${version} 下载失败 / could not be downloaded.`, `  tried: ${url}`]
  if (mirror) {
    lines.push(
      `  镜像已设置 / a mirror is set (${mirror.from}=${mirror.value}): check that it is reachable and has ${version} at that path` +
        (electronSetting(env, 'customDir')
          ? ''
          : ` (npmmirror needs ELECTRON_CUSTOM_DIR="{{ version }}")`)
    )
  } else {
    lines.push(
      '  在中国大陆或公司网络中请设置镜像 / from mainland China or a company network, set a mirror:',
      `    ELECTRON_MIRROR=${CHINA_ELECTRON_MIRROR} ELECTRON_CUSTOM_DIR="{{ version }}" npm run dev`,
      `    (or in .npmrc: electron_mirror=${CHINA_ELECTRON_MIRROR} and electron_custom_dir={{ version }})`
    )
  }
  lines.push(
    '  使用在别处下载的 zip / a zip downloaded elsewhere:',
    `    DESK_ELECTRON_ZIP=/path/to/electron-v${version}-${platform}-${arch}.zip npm run dev`,
    "    (checked against Electron's SHA-256 list before it is used)",
    `  ${WITHOUT_ELECTRON}`
  )
  return lines.join('\n')
}

/** What to tell a new user when no Electron build of better-sqlite3 could be made. */
export function bindingFailureMessage({ version, abi, sqliteVersion, platform, arch, env }) {
  const prebuilt = sqlitePrebuiltUrl(sqliteVersion, abi, platform, arch, env)
  const mirrorSet =
    env.npm_config_better_sqlite3_binary_host ||
    env.npm_config_better_sqlite3_binary_host_mirror ||
    env.BETTER_SQLITE3_BINARY_HOST ||
    env.BETTER_SQLITE3_BINARY_HOST_MIRROR
  const lines = [
    `better-sqlite3 ${sqliteVersion} for Electron ${version} (ABI ${abi}) 无法获得 / could not be fetched or built.`,
    `  tried the prebuilt: ${prebuilt}`,
    `  then a source build with headers from ${electronHeadersUrl(env)} (needs Python and a C++ compiler)`
  ]
  if (!mirrorSet) {
    lines.push(
      '  在中国大陆请设置镜像 / from mainland China set a mirror:',
      `    better_sqlite3_binary_host=${CHINA_SQLITE_MIRROR}   (in .npmrc, or npm_config_better_sqlite3_binary_host=… in the environment)`
    )
  }
  lines.push(`  ${WITHOUT_ELECTRON}`)
  return lines.join('\n')
}

function run(cmd, args, cwd, env = childEnv(process.env)) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env })
  return r.status === 0
}

/** Electron's ABI number (the npm package ships it in abi_version). */
function readElectronAbi(electronDir) {
  const file = join(electronDir, 'abi_version')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'unknown'
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
          `--dist-url=${electronHeadersUrl(process.env)}`
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
    const env = childEnv(process.env)
    const zip = process.env.DESK_ELECTRON_ZIP
    if (zip) {
      // Put the zip where Electron's installer looks first; it verifies the checksum on use.
      const cacheRoot = join(ROOT, '.native', 'electron-cache')
      const url = electronDownloadUrl(version, process.platform, process.arch, env)
      const cached = electronCachePath(cacheRoot, url)
      mkdirSync(dirname(cached), { recursive: true })
      copyFileSync(zip, cached)
      env.electron_config_cache = cacheRoot
      console.log(`› 使用本地 Electron zip / using the local Electron zip ${zip}`)
    } else {
      console.log(
        `› 首次启动：下载 Electron ${version} / first start: downloading Electron ${version}`
      )
    }
    if (
      !run(process.execPath, [join(electronDir, 'install.js')], electronDir, env) ||
      !electronBinaryPresent(electronDir)
    ) {
      throw new Error(
        electronFailureMessage({
          version,
          platform: process.platform,
          arch: process.arch,
          env: process.env
        })
      )
    }
  }
  if (steps.includes('build-binding')) {
    try {
      buildBinding(version, target)
    } catch (error) {
      const sqliteVersion = require('better-sqlite3/package.json').version
      const abi = readElectronAbi(electronDir)
      throw new Error(
        `${error.message}\n` +
          bindingFailureMessage({
            version,
            abi,
            sqliteVersion,
            platform: process.platform,
            arch: process.arch,
            env: process.env
          }),
        { cause: error }
      )
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main()
  } catch (error) {
    console.error(`\n✗ 启动准备失败 / start step failed: ${error.message}`)
    process.exit(1)
  }
}
