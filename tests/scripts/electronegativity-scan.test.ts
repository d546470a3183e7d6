import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM script without type declarations; its exports are checked here
import { judge, parseCsv } from '../../scripts/electronegativity-scan.mjs'

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n'
const row = (issue: string, file: string, line: number, sample = 'x') =>
  `${issue},"MEDIUM","FIRM","${file}","${line}:0","${sample}","d",https://u\n`

describe('the electronegativity gate', () => {
  it('passes only when every file shows its canary and nothing else is found', () => {
    const csv =
      HEADER +
      row('NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200) +
      row('NODE_INTEGRATION_JS_CHECK', 'preload/index.ts', 18)
    const result = judge(parseCsv(csv), { 'main/index.ts': 200, 'preload/index.ts': 18 })
    expect(result).toEqual({ unparsed: [], findings: [] })
  })

  it('names a file whose canary is missing: the parser skipped it silently', () => {
    const csv = HEADER + row('NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200)
    const result = judge(parseCsv(csv), { 'main/index.ts': 200, 'main/window.main.ts': 92 })
    expect(result.unparsed).toEqual(['main/window.main.ts'])
  })

  it('counts every finding outside the canary lines, global ones included', () => {
    const csv =
      HEADER +
      row('NODE_INTEGRATION_JS_CHECK', 'main/index.ts', 200) +
      row('OPEN_EXTERNAL_JS_CHECK', 'main/index.ts', 147, 'shell.openExternal(url, {a, b})') +
      'LIMIT_NAVIGATION_GLOBAL_CHECK,"HIGH","CERTAIN","N/A","0:0",N/A,"Missing navigation limits",https://u\n'
    const { findings } = judge(parseCsv(csv), { 'main/index.ts': 200 })
    expect(findings.map((f: { issue: string }) => f.issue)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK'
    ])
    expect(findings[0].sample).toBe('shell.openExternal(url, {a, b})')
  })
})
