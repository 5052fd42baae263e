import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-paragraph/mg-paragraph.ts'
import type { MgParagraph } from '../../client/components/mg-paragraph/mg-paragraph.ts'
import { block, comment, deepQuery, fixture, textOf } from './helpers.ts'

describe('mg-paragraph', () => {
  it('gives the same number of arguments in its marker and in its open thread', async () => {
    // Four arguments, one of them new and held back, and a reply, which is no argument.
    const comments = [
      comment({ id: 1, stance: 'pro' }),
      comment({ id: 2, stance: 'pro' }),
      comment({ id: 3, stance: 'contra' }),
      comment({ id: 4, parentId: 3, depth: 1, stance: 'pro' }),
      comment({ id: 5, stance: 'neutral' }),
    ]
    const b = block('p-1', { counts: { comments: 5, pro: 2, contra: 1, neutral: 1 } })
    const el = await fixture<MgParagraph>(
      html`<mg-paragraph debate="sora" .block=${b} .number=${1} open .thread=${{ status: 'ready', comments }} .unseen=${[5]}></mg-paragraph>`,
    )
    expect(textOf(deepQuery(el, 'button.toggle'))).toMatch(/^4 arguments/)
    expect(textOf(deepQuery(el, 'p.count'))).toBe('4 arguments')
  })
})
