/**
 * Registers the German messages of the seminar record's view. Its chunk
 * (views/record/record-views.ts) imports this first, so the messages are in place before its
 * elements are defined; they are fetched only if German is the language in use.
 */
import { addMessages } from '../services/locale.ts'

await addMessages(() => import('./record/de.ts'))
