/**
 * The words and signs for stances, shared by every element that shows one. A reply's stance
 * is read relative to its parent: pro "supports", contra "objects", neutral "remark".
 */
import { msg } from '@lit/localize'
import type { PositionStance, Stance } from '../services/types.ts'

export const STANCES: readonly Stance[] = ['pro', 'contra', 'neutral']
export const POSITIONS: readonly PositionStance[] = ['pro', 'contra', 'undecided']

/** A sign per stance, so the stance reads without colour. */
export const SIGN: Record<Stance | 'undecided', string> = { pro: '+', contra: '−', neutral: '○', undecided: '?' }

export function stanceWord(stance: Stance, reply = false): string {
  if (reply) {
    if (stance === 'pro') return msg('Supports')
    if (stance === 'contra') return msg('Objects')
    return msg('Remark')
  }
  if (stance === 'pro') return msg('Pro')
  if (stance === 'contra') return msg('Contra')
  return msg('Neutral')
}

export function positionWord(stance: PositionStance): string {
  if (stance === 'pro') return msg('Pro')
  if (stance === 'contra') return msg('Contra')
  return msg('Undecided')
}
