/**
 * What src/public/first-page.js asked for before the app's code ran, each handed out once: the
 * settings, and the list's first page for a request equal to the one it made (else the list
 * asks anew).
 */
import type { Envelope } from '@core/contract/envelope'
import type { Request, Response } from '@core/contract/contract'

type SearchRequest = Request<'customers.search'>
type SearchResult = Response<'customers.search'>
type SettingsResult = Response<'settings.get'>

interface FirstPage {
  request: Record<string, unknown>
  answer: Promise<Envelope<SearchResult>>
}

type WithFirstPage = {
  __deskFirstPage?: FirstPage
  __deskEarlyTyping?: { text: string; stop: () => void }
  __deskEarlySettings?: Promise<Envelope<SettingsResult>>
}

/** The settings as they were when the document started (once; later reads ask anew). */
export function takeEarlySettings(): Promise<Envelope<SettingsResult>> | null {
  const holder = window as unknown as WithFirstPage
  const early = holder.__deskEarlySettings ?? null
  delete holder.__deskEarlySettings
  return early
}

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

/**
 * What was typed on the start page before the app's search box existed (first-page.js keeps it
 * and shows it in the picture's box), once; the keeping stops here, whoever asks.
 */
export function takeEarlyTyping(): string {
  const holder = window as unknown as WithFirstPage
  const typed = holder.__deskEarlyTyping
  if (!typed) return ''
  delete holder.__deskEarlyTyping
  typed.stop()
  return typed.text
}
