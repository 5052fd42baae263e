/**
 * Registers the German messages of the groups' views. Their chunk
 * (views/groups/groups-views.ts) imports this first, so the messages are in place before its
 * elements are defined; they are fetched only if German is the language in use.
 */
import { addMessages } from '../services/locale.ts'

await addMessages(() => import('./groups/de.ts'))
