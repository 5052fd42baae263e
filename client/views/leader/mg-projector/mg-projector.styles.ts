import { css } from 'lit'
import { shared } from '../../../styles/shared.ts'
import { timerOver } from '../../../styles/views.ts'
import { personMarkStyles } from '../../../components/person-marks.ts'

/**
 * The projector's own palette: dark on light whatever the system's scheme, with stronger
 * colours than the page's, since a projector washes contrast out.
 */
export const styles = [
  shared,
  personMarkStyles,
  timerOver,
  css`
    :host {
      --mg-bg: #ffffff;
      --mg-surface: #f3f3f3;
      --mg-raised: #ffffff;
      --mg-text: #000000;
      --mg-muted: #333333;
      --mg-rule: #8a8a8a;
      --mg-pro: #0a5a28;
      --mg-contra: #9e1a12;
      --mg-neutral: #3d434a;
      --mg-focus: #1b57b5;
      position: fixed;
      inset: 0;
      z-index: 10;
      display: block;
      overflow: auto;
      background: var(--mg-bg);
      color: var(--mg-text);
      color-scheme: light;
      font-size: clamp(1rem, 1.25vw, 2.2rem);
      line-height: 1.35;
    }
    .screen {
      display: grid;
      /* One screen, no scrolling: the paragraph and the poll on the left, joining and speakers beside them, the strip below. */
      grid-template-columns: minmax(0, 1.7fr) minmax(0, 1fr);
      grid-template-rows: auto auto minmax(0, 1fr) auto;
      grid-template-areas:
        'head head'
        'spot join'
        'poll queue'
        'strip strip';
      gap: 0.8em 2em;
      min-height: 100%;
      padding: 1.2em 1.6em;
    }
    header {
      grid-area: head;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 1.2em;
      align-items: baseline;
      border-bottom: 3px solid var(--mg-text);
      padding-bottom: 0.4em;
    }
    h1 {
      flex: 1 1 auto;
      margin: 0;
      font-size: 1.5em;
    }
    h2 {
      margin: 0 0 0.4em;
      font-size: 1em;
      text-transform: uppercase;
      letter-spacing: 0.06em;
    }
    .tag {
      font-weight: 700;
    }
    .spotlight {
      grid-area: spot;
    }
    .spotlight blockquote {
      margin: 0;
      font-family: var(--mg-font-text);
      font-size: 1.2em;
      line-height: 1.45;
    }
    .join {
      grid-area: join;
      text-align: center;
    }
    .code {
      display: block;
      font-family: var(--mg-font-mono);
      font-size: 1.7em;
      font-weight: 700;
      letter-spacing: 0.08em;
    }
    mg-qr-code {
      --mg-qr-size: min(9em, 22vh);
      margin: 0.4em auto;
    }
    .link {
      display: block;
      font-size: 0.8em;
      overflow-wrap: anywhere;
    }
    .strip {
      grid-area: strip;
    }
    .strip ol {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(4.5em, 1fr));
      gap: 0.4em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .strip li {
      padding: 0.3em 0.4em;
      border: 2px solid var(--mg-rule);
      border-radius: 6px;
      text-align: center;
    }
    .strip li.current {
      border-color: var(--mg-text);
      border-width: 4px;
    }
    /* Where the room is divided: the paragraphs to debate. */
    .strip li.contested {
      background: #fff1bf;
    }
    .contested-mark {
      display: block;
      font-size: 0.6em;
      font-weight: 700;
      letter-spacing: 0.05em;
      text-transform: uppercase;
    }
    .strip .n {
      display: block;
      font-weight: 700;
    }
    .strip svg {
      display: block;
      width: 100%;
      height: 0.6em;
      margin: 0.2em 0;
    }
    .numbers {
      font-size: 0.8em;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .pro {
      color: var(--mg-pro);
      fill: var(--mg-pro);
    }
    .contra {
      color: var(--mg-contra);
      fill: var(--mg-contra);
    }
    .undecided {
      color: var(--mg-neutral);
      fill: var(--mg-neutral);
    }
    .track {
      fill: #d0d0d0;
    }
    .poll {
      grid-area: poll;
    }
    .results {
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: 0.3em 0.6em;
      align-items: center;
      margin: 0.4em 0;
    }
    .results svg {
      width: 100%;
      height: 0.9em;
    }
    .results .count {
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .moves,
    /* An "after" round: the result and who changed their mind side by side. */
    .poll.compared {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      align-content: start;
      align-items: start;
      gap: 0 1.5em;
    }
    .poll.compared > h2 {
      grid-column: 1 / -1;
    }
    .shift > h2:first-child {
      margin-top: 0;
    }
    .reasons {
      margin: 0.4em 0;
      padding-inline-start: 1.2em;
    }
    .reasons q {
      font-style: italic;
    }
    .queue {
      grid-area: queue;
    }
    .speaker {
      font-size: 1.3em;
      font-weight: 700;
    }
    .timer {
      display: block;
      font-size: 2.6em;
      font-weight: 800;
      font-variant-numeric: tabular-nums;
    }
    .waiting {
      margin: 0.3em 0 0;
      padding-inline-start: 1.4em;
    }
    .note,
    .meta {
      color: var(--mg-muted);
    }
    .btn {
      font-size: 0.7em;
    }
    @media (max-width: 50rem) {
      .screen {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: none;
        grid-template-areas: 'head' 'spot' 'join' 'strip' 'poll' 'queue';
      }
    }
  `,
]
