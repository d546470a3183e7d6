/**
 * Refusals carry codes, keys and values, never words: a Chinese character in a refusal's
 * params is only allowed when it is something the user typed. Driven through `dispatch` on a
 * real database (every transport ends there), plus a scan of the core's sources for `params`
 * literals that hold Chinese text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import type { ErrorPayload } from '../../../electron/core/errors/desk-error'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'

// CJK ideographs, CJK punctuation (、。「」) and full-width forms
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/

/** Every string inside a request, keys included: what the user typed. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
  }
  return []
}

/** What any request of this suite sent: stored user data a refusal may quote (a name). */
const SENT = new Set<string>()

/** Param values with a CJK character that no request contained. */
function wordsInParams(error: ErrorPayload, request: unknown): string[] {
  const typed = new Set([...SENT, ...strings(request)])
  const paramSets = [error.params, ...(error.issues ?? []).map((i) => i.params)]
  const out: string[] = []
  for (const params of paramSets) {
    for (const [name, value] of Object.entries(params ?? {})) {
      for (const s of strings(value)) {
        if (CJK.test(s) && !typed.has(s)) out.push(`${name}=${s}`)
      }
    }
  }
  return out
}

let t: TempCore
let handlers: ReturnType<typeof createHandlers>
let customerId: number
let deliveryId: number
let formId: number

async function ok<T>(name: string, request: unknown): Promise<T> {
  for (const s of strings(request)) SENT.add(s)
  const envelope = await dispatch(handlers, name, request)
  if (!envelope.ok) throw new Error(`${name} refused: ${JSON.stringify(envelope.error)}`)
  return envelope.result as T
}

beforeAll(async () => {
  t = tempCore({ implementer: '王实施' })
  handlers = createHandlers(t.core)
  const created = await ok<{ customer: { id: number } }>('customers.create', LANZHOU)
  customerId = created.customer.id
  const delivery = await ok<{ delivery: { id: number } }>('deliveries.create', {
    customerId,
    orderNumber: 'SO-1',
    products: ['数电开票'],
    plannedGoLive: '2026-03-20'
  })
  deliveryId = delivery.delivery.id
  formId = (await ok<{ id: number }>('acceptance.get', { deliveryId })).id
})
afterAll(() => t.cleanup())

/** name, request, the code it must be refused with */
type Scenario = [label: string, call: string, request: () => unknown, code: string]

const SCENARIOS: Scenario[] = [
  ['unknown call', 'customers.nuke', () => ({}), 'UNKNOWN_CALL'],
  ['contract: wrong types', 'customers.create', () => ({ name: 42, taxId: ['x'] }), 'VALIDATION'],
  [
    'customer fields invalid',
    'customers.create',
    () => ({
      name: '测试（企业）',
      taxId: '91440300MA5G3K7P0X',
      phone: '电话号码',
      email: '邮箱@@',
      adminMobile: '一三八'
    }),
    'TAX_ID_CHECKSUM'
  ],
  [
    'duplicate tax ID',
    'customers.create',
    () => ({ ...LANZHOU, name: '另一家公司' }),
    'DUPLICATE_TAX_ID'
  ],
  ['customer not found', 'customers.get', () => ({ id: 999 }), 'NOT_FOUND'],
  ['restore an active customer', 'customers.restore', () => ({ id: customerId }), 'NOT_ARCHIVED'],
  [
    'stage done while customer data is missing',
    'stages.update',
    () => ({ deliveryId, stage: 'customer_info', status: 'done' }),
    'STAGE_INCOMPLETE'
  ],
  [
    'stage done while the secrets are not stored',
    'stages.update',
    () => ({ deliveryId, stage: 'backend_config', status: 'done' }),
    'STAGE_INCOMPLETE'
  ],
  [
    'stage blocked without a reason',
    'stages.update',
    () => ({ deliveryId, stage: 'activation', status: 'blocked' }),
    'STAGE_REASON_REQUIRED'
  ],
  [
    'stage skipped without a reason',
    'stages.update',
    () => ({ deliveryId, stage: 'activation', status: 'skipped' }),
    'STAGE_REASON_REQUIRED'
  ],
  [
    'checklist answer of the wrong kind',
    'stages.update',
    () => ({ deliveryId, stage: 'activation', answers: { activated: '是的' } }),
    'ANSWER_KIND'
  ],
  [
    'unknown checklist item',
    'stages.update',
    () => ({ deliveryId, stage: 'activation', answers: { 不存在: true } }),
    'UNKNOWN_CHECKLIST_ITEM'
  ],
  [
    'delivery with a bad date',
    'deliveries.create',
    () => ({ customerId, plannedGoLive: '2026-13-45' }),
    'DATE_FORMAT'
  ],
  [
    'link not in the guidance',
    'links.open',
    () => ({ url: 'https://例子.cn' }),
    'LINK_NOT_ALLOWED'
  ],
  [
    'acceptance marked signed while incomplete',
    'acceptance.markSigned',
    () => ({ formId }),
    'FORM_INCOMPLETE'
  ],
  [
    'signature that is not an image',
    'acceptance.sign',
    () => ({
      formId,
      party: 'customer',
      signerName: '张伟',
      image: { mime: 'image/png', base64: Buffer.from('不是图片').toString('base64') }
    }),
    'SIGNATURE_IMAGE'
  ],
  [
    'scan of a file that is not there',
    'acceptance.attachScan',
    () => ({ formId, path: join(t.dir, '扫描件.pdf') }),
    'FILE_NOT_READABLE'
  ],
  [
    'credentials before the vault is set up',
    'credentials.set',
    () => ({ customerId, field: 'clientId', value: 'abc' }),
    'VAULT_NOT_SET_UP'
  ],
  ['weak passphrase', 'vault.setup', () => ({ passphrase: '短口令' }), 'VAULT_WEAK_PASSPHRASE']
]

describe('no words in refusal params', () => {
  for (const [label, call, request, code] of SCENARIOS) {
    it(`${label}: ${code} carries keys and user data only`, async () => {
      const payload = request()
      for (const s of strings(payload)) SENT.add(s)
      const envelope = await dispatch(handlers, call, payload)
      expect(envelope.ok).toBe(false)
      if (envelope.ok) return
      expect(envelope.error.code).toBe(code)
      expect(wordsInParams(envelope.error, payload)).toEqual([])
    })
  }

  it('after unlocking: an incomplete hand-off and a wrong passphrase carry no words', async () => {
    const passphrase = '黄河远上白云间 2026!'
    await ok('vault.setup', { passphrase })
    const handoffRequest = { customerId, deliveryId }
    const handoff = await dispatch(handlers, 'credentials.handoff', handoffRequest)
    expect(handoff.ok).toBe(false)
    if (!handoff.ok) {
      expect(handoff.error.code).toBe('CREDENTIALS_INCOMPLETE')
      expect(wordsInParams(handoff.error, handoffRequest)).toEqual([])
    }
    await ok('vault.lock', {})
    const unlockRequest = { passphrase: '错误的口令错误的口令' }
    const unlock = await dispatch(handlers, 'vault.unlock', unlockRequest)
    expect(unlock.ok).toBe(false)
    if (!unlock.ok) {
      expect(unlock.error.code).toBe('VAULT_BAD_PASSPHRASE')
      expect(wordsInParams(unlock.error, unlockRequest)).toEqual([])
    }
  }, 60_000)

  it('the check notices words the request did not contain', () => {
    const error = {
      code: 'STAGE_REASON_REQUIRED',
      message: '',
      messageKey: '',
      params: { status: '受阻', name: '张伟' }
    } as const
    expect(wordsInParams(error, { reason: '', who: '张伟' })).toEqual(['status=受阻'])
    expect(wordsInParams(error, { reason: '受阻', who: '张伟' })).toEqual([])
  })
})

const CORE_DIR = fileURLToPath(new URL('../../../electron/core', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** `params: {…}` literals (and `params` shorthand objects) holding Chinese text, by line. */
function paramsWithWords(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const hasWords = (node: ts.Node): boolean => {
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      CJK.test(node.text)
    )
      return true
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      if (parts.some((p) => CJK.test(p))) return true
    }
    return ts.forEachChild(node, (child) => (hasWords(child) ? true : undefined)) ?? false
  }
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(source) === 'params' &&
      hasWords(node.initializer)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
      found.push(`${relative(CORE_DIR, path)}:${line + 1}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('core sources', () => {
  it('no params literal in electron/core holds Chinese text', () => {
    const offenders = sourceFiles(CORE_DIR).flatMap(paramsWithWords)
    expect(offenders).toEqual([])
  })

  it('the scan finds a params literal with Chinese text', () => {
    const probe = join(t.dir, 'probe.ts')
    const code = "throw new DeskError('X', { params: { detail: `缺少列 ${missing}` } })\n"
    writeFileSync(probe, code)
    expect(paramsWithWords(probe)).toHaveLength(1)
  })
})
