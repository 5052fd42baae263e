/** What every layer asks of an essay's blocks. */
import type { Block } from './types.ts'

/** The paragraph's number as the essay shows it, among its paragraphs (1-based); 0 when unknown. */
export function paragraphNumber(blocks: readonly Pick<Block, 'anchor' | 'kind'>[], anchor: string): number {
  let n = 0
  for (const b of blocks) {
    if (b.kind !== 'paragraph') continue
    n++
    if (b.anchor === anchor) return n
  }
  return 0
}
