/**
 * The handlers of the record's view: loading the open debate's record into the store, and the
 * leaders' grading — the rule (after which every mark is computed again, so the record loads
 * again), one participant's adjusted mark and comment (their row comes back and replaces the
 * one held), and releasing the marks or taking them back. They load with the view.
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

async function loadRecord(context: Context): Promise<RecordResponse> {
  const slug = openDebate(context)
  const data = await api.record(context.api, slug)
  if (context.store.state.debate?.slug === slug) context.store.update((s) => ({ ...s, record: data }))
  return data
}

const withRow = (row: Participation) => (r: RecordResponse) => ({
  ...r,
  participation: r.participation.map((p) => (p.person.id === row.person.id ? row : p)),
})
const withGrading = (grading: RecordGrading) => (r: RecordResponse) => ({ ...r, grading })

export const recordHandlers: Handlers = {
  'mg-load-record': (_e, c) => loadRecord(c),
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
