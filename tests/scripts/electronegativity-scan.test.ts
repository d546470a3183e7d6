import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM script without type declarations; its exports are checked here
import { judge, parseSarif } from '../../scripts/electronegativity-scan.mjs'

type Row = { issue: string; filename: string; line: number; sample?: string }

/** A SARIF report shaped as electronegativity 1.10 writes it (global checks point at file:///). */
const sarif = (results: Array<[issue: string, uri: string, line: number, text?: string]>) =>
  JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', rules: [] } },
        results: results.map(([ruleId, uri, startLine, text = 'd']) => ({
          ruleId,
          level: 'warning',
          message: { text },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri },
                region: { startLine, startColumn: 1, charLength: 0 }
              }
            }
          ]
        }))
      }
    ]
  })

const SOURCE: Record<string, string[]> = {
  'main/index.ts': Array.from({ length: 200 }, (_, i) =>
    i === 146 ? '  shell.openExternal(url, {a, b})' : `line ${i + 1}`
  )
}
const sampleAt = (file: string, line: number) => SOURCE[file]?.[line - 1]?.trim()

describe('the electronegativity gate', () => {
  it('passes only when every file shows its canary and nothing else is found', () => {
    const report = sarif([
      ['NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200],
      ['NODE_INTEGRATION_JS_CHECK', 'preload/index.ts', 18]
    ])
    const result = judge(parseSarif(report), { 'main/index.ts': 200, 'preload/index.ts': 18 })
    expect(result).toEqual({ unparsed: [], findings: [] })
  })

  it('names a file whose canary is missing: the parser skipped it silently', () => {
    const report = sarif([['NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200]])
    const result = judge(parseSarif(report), { 'main/index.ts': 200, 'main/window.main.ts': 92 })
    expect(result.unparsed).toEqual(['main/window.main.ts'])
  })

  it('the first file of the report counts like any other (the CSV writer could overwrite it)', () => {
    const report = sarif([
      ['NODE_INTEGRATION_JS_CHECK', 'main/app-menu.main.ts', 78],
      ['NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200]
    ])
    const rows: Row[] = parseSarif(report)
    expect(rows[0]).toMatchObject({ filename: 'main/app-menu.main.ts', line: 78 })
    expect(judge(rows, { 'main/app-menu.main.ts': 78, 'main/index.ts': 200 })).toEqual({
      unparsed: [],
      findings: []
    })
  })

  it('counts every finding outside the canary lines, global ones included, with their source line', () => {
    const report = sarif([
      ['NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200],
      ['OPEN_EXTERNAL_JS_CHECK', 'main/index.ts', 147],
      ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'file:///', 1, 'Missing navigation limits']
    ])
    const { findings } = judge(parseSarif(report, sampleAt), { 'main/index.ts': 200 })
    expect(findings.map((f: Row) => [f.issue, f.filename, f.line, f.sample])).toEqual([
      ['OPEN_EXTERNAL_JS_CHECK', 'main/index.ts', 147, 'shell.openExternal(url, {a, b})'],
      ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'N/A', 1, 'Missing navigation limits']
    ])
  })

  it('refuses a report that is not a finished SARIF file', () => {
    expect(() => parseSarif('{"runs":[{"results":[{"ruleId"')).toThrow()
    expect(() => parseSarif('{"version":"2.1.0","runs":[]}')).toThrow(/without results/)
  })
})
