/**
 * The list's first page as src/public/first-page.js asked for it before the app's code ran:
 * handed out once, and only for a request equal to the one it made (else the list asks anew).
 */
import type { Envelope } from '@core/contract/envelope'
import type { Request, Response } from '@core/contract/contract'

type SearchRequest = Request<'customers.search'>
type SearchResult = Response<'customers.search'>

interface FirstPage {
  request: Record<string, unknown>
  answer: Promise<Envelope<SearchResult>>
}

type WithFirstPage = { __deskFirstPage?: FirstPage }

function sameRequest(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((key) => a[key] === b[key])
}

export function takeFirstPage(request: SearchRequest): Promise<Envelope<SearchResult>> | null {
  const holder = window as unknown as WithFirstPage
  const early = holder.__deskFirstPage
  if (!early) return null
  delete holder.__deskFirstPage
  const asked: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(request ?? {}))
    if (value !== undefined) asked[key] = value
  return sameRequest(early.request, asked) ? early.answer : null
}
