/**
 * Registers the German messages of the seminar participants' views, the join page and the
 * form that starts a seminar. Their chunk (views/seminar/seminar-views.ts) imports this first, so
 * the messages are in place before its elements are defined; they are fetched only if German
 * is the language in use.
 */
import { addMessages } from '../services/locale.ts'

await addMessages(() => import('./seminar/de.ts'))
