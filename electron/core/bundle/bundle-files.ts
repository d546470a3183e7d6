/**
 * The exported .docx/.pdf files a bundle carries, written on import into `handover/` beside
 * the database: each goes to a temp name first (synced), and is renamed onto its final name
 * only after the database transaction committed; on failure the temp files are removed. A
 * kill in between leaves temp files only, which the next import (or start) cleans.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { cleanStaleTempFiles, commitTempFile, tempPathFor } from '../shared/atomic-file'

export class StagedFiles {
  private readonly staged: { part: number; temp: string; target: string }[] = []
  private readonly taken = new Set<string>()

  constructor(private readonly dir: string) {}

  /** Removes temp files a killed import left in the folder. */
  static clean(dir: string): void {
    if (existsSync(dir)) cleanStaleTempFiles(dir)
  }

  /** A name in the folder that neither exists nor is staged: `name (2).docx` after `name.docx`. */
  private freeTarget(originalPath: string): string {
    const name = basename(originalPath.replace(/\\/g, '/')) || 'export'
    const ext = extname(name)
    const stem = name.slice(0, name.length - ext.length)
    for (let n = 1; ; n++) {
      const candidate = join(this.dir, n === 1 ? name : `${stem} (${n})${ext}`)
      if (!this.taken.has(candidate) && !existsSync(candidate)) {
        this.taken.add(candidate)
        return candidate
      }
    }
  }

  async stage(part: number, bytes: Buffer, originalPath: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const target = this.freeTarget(originalPath)
    const temp = tempPathFor(target)
    const file = await open(temp, 'wx', 0o600)
    this.staged.push({ part, temp, target })
    try {
      await file.writeFile(bytes)
      await file.sync()
    } finally {
      await file.close()
    }
  }

  pathFor(part: number): string | null {
    return this.staged.find((s) => s.part === part)?.target ?? null
  }

  get count(): number {
    return this.staged.length
  }

  /** After the commit: every staged file onto its final name (never over another file). */
  async commit(): Promise<void> {
    for (const s of this.staged) await commitTempFile(s.temp, s.target, { overwrite: false })
  }

  /** After a failure: the temp files go, nothing reaches a final name. */
  async discard(): Promise<void> {
    for (const s of this.staged) await rm(s.temp, { force: true })
  }
}
