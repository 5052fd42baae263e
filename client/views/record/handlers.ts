/**
 * The handlers of the record's view: loading the open debate's record into the store, the log
 * the replay is rebuilt from (answered to the replay, which alone holds it), and the leaders'
 * grading — the rule (after which every mark is computed again, so the record loads again),
 * one participant's adjusted mark and comment (their row comes back and replaces the one
 * held), and releasing the marks or taking them back. They load with the view.
 */
import { openDebate, type Context, type Handlers } from '../../handlers/context.ts'
import * as api from '../../services/record-api.ts'
import type { Participation, RecordGrading, RecordResponse } from '../../services/types.ts'
import type { AppState } from '../../state/store.ts'

/** Changes the record held, if it is still the open debate's. */
function change(context: Context, slug: string, recipe: (record: RecordResponse) => RecordResponse) {
  context.store.update((s: AppState) => {
    const data = s.record
    if (!data || data.debate.slug !== slug || s.debate?.slug !== slug) return s
    return { ...s, record: recipe(data) }
  })
}

/** Loads the record; an answer made out of date while it came (the marks were released meanwhile) is loaded again. */
async function loadRecord(context: Context): Promise<RecordResponse> {
  const slug = openDebate(context)
  for (;;) {
    const changes = context.store.state.recordChanges
    const data = await api.record(context.api, slug)
    const s = context.store.state
    if (s.debate?.slug !== slug) return data
    if (s.recordChanges === changes) {
      context.store.update((state) => ({ ...state, record: data }))
      return data
    }
  }
}

const withRow = (row: Participation) => (r: RecordResponse) => ({
  ...r,
  participation: r.participation.map((p) => (p.person.id === row.person.id ? row : p)),
})
const withGrading = (grading: RecordGrading) => (r: RecordResponse) => ({ ...r, grading })

export const recordHandlers: Handlers = {
  'mg-load-record': (_e, c) => loadRecord(c),
  'mg-load-replay': (_e, c) => api.recordLog(c.api, openDebate(c)),
  'mg-set-grading': async (e, c) => {
    await api.setGrading(c.api, openDebate(c), e.rule)
    await loadRecord(c)
  },
  'mg-set-grade': async (e, c) => {
    const slug = openDebate(c)
    const row = await api.setGrade(c.api, slug, e.userId, e.adjusted, e.comment)
    change(c, slug, withRow(row))
  },
  'mg-release-grades': async (e, c) => {
    const slug = openDebate(c)
    change(c, slug, withGrading(await api.releaseGrades(c.api, slug, e.released)))
  },
}
