/**
 * Whether the implementer's name is set: no zod here, so the renderer's start bundle (the route
 * guard asks this before the first page) does not build the settings schemas at load.
 */
import type { Settings } from './settings-schema'

/**
 * The audit log's actor and a new delivery's implementer: the implementer's name, or '' while
 * it is not set. Never a placeholder: a placeholder stored on a record reads like a name later.
 * The app asks for the name at first run before anything else (the renderer's route guard).
 */
export function actorName(settings: Pick<Settings, 'implementerName'>): string {
  return settings.implementerName.trim()
}

/** Whether the first-run step is still due: the implementer's name is required. */
export function needsFirstRun(settings: Pick<Settings, 'implementerName'>): boolean {
  return actorName(settings) === ''
}
