/**
 * The words for a seminar's phases and speakers' requests, paragraph numbers as people say
 * them ("paragraph 9": headings are not counted) and the join link of a code, shared by the
 * leaders' views and the projector so that both name things the same way.
 */
import { msg, str } from '@lit/localize'
import { paragraphNumber } from '../../services/essay.ts'
import type { Block, Phase, SpeakerKind } from '../../services/types.ts'

export function phaseName(phase: Phase): string {
  if (phase === 'reading') return msg('Reading')
  if (phase === 'private') return msg('Private')
  if (phase === 'open') return msg('Open')
  return msg('Closed')
}

export function speakerKindWord(kind: SpeakerKind): string {
  if (kind === 'argument') return msg('Argument')
  if (kind === 'reply') return msg('Reply', { id: 'speaker-kind-reply' })
  if (kind === 'question') return msg('Question')
  return msg('Point of order')
}

/** "Paragraph 3", or the essay as a whole for a null anchor. */
export function paragraphName(blocks: readonly Block[], anchor: string | null): string {
  if (anchor === null) return msg('The whole essay')
  const n = paragraphNumber(blocks, anchor)
  return n ? msg(str`Paragraph ${n}`) : anchor
}

/** A countdown as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** The join link a code stands for, on this page's origin. */
export function joinLink(code: string): string {
  return new URL(`/join/${encodeURIComponent(code)}`, location.href).href
}
