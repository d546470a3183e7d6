/**
 * A small file logger that never writes what looks like a secret: values of keys named like
 * secrets are replaced before anything is formatted. Rotates at 1 MB, keeping one old file.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, restrictToOwner } from '../paths'

const SECRET_KEY =
  /secret|passphrase|password|encryptkey|fkey|fpublickey|clientid|token|plaintext|value/i
const MAX_BYTES = 1024 * 1024

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]'
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)
      ])
    )
  }
  return value
}

export type LogLevel = 'info' | 'warn' | 'error'

export interface Logger {
  info(message: string, data?: unknown): void
  warn(message: string, data?: unknown): void
  error(message: string, data?: unknown): void
}

export function createFileLogger(file: string, clock: () => Date = () => new Date()): Logger {
  const write = (level: LogLevel, message: string, data?: unknown): void => {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
      if (existsSync(file) && statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`)
      restrictToOwner(file) // a log written by an older version may be 0644
      const line = JSON.stringify({
        at: clock().toISOString(),
        level,
        message,
        ...(data === undefined ? {} : { data: redact(data) })
      })
      appendFileSync(file, line + '\n', { mode: PRIVATE_FILE_MODE })
    } catch {
      // Logging must never take the app down.
    }
  }
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d)
  }
}
