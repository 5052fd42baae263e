/**
 * Fragments that only lazy views share (the moderators', the participants' and the leaders'),
 * each adopted after `shared`. They stay out of shared.ts so that readers, who open none of
 * these views, do not download them.
 */
import { css } from 'lit'

/** A small heading over a part of a panel. */
export const panelHeading = css`
  h3 {
    font-size: 0.95rem;
    margin: 0 0 0.4rem;
  }
`

/** Controls in a row that wraps, centred on one line. */
export const controlRow = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
`

/** A field's label in a moderator's form. */
export const fieldLabel = css`
  label {
    font-size: 0.85rem;
    font-weight: 600;
  }
`

/** A speaker's countdown once the time is up. */
export const timerOver = css`
  .timer.over {
    color: var(--mg-contra);
  }
`
