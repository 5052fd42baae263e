/**
 * The look and the frame both member lists share, the moderators' members and the seminar
 * leaders' roster: each renders its own rows and actions inside them.
 */
import { msg } from '@lit/localize'
import { css, html, nothing, type TemplateResult } from 'lit'

/** A list of people, one card a row: name, details, then the actions on them (members, roster). */
export const memberList = css`
  ul {
    display: grid;
    gap: 0.4rem;
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--mg-rule);
    border-radius: 8px;
    background: var(--mg-raised);
  }
  .name {
    font-weight: 600;
  }
  .meta {
    flex: 1;
    color: var(--mg-muted);
    font-size: 0.85rem;
  }
`

export interface MemberSection<M> {
  /** The heading's id, which names the section. */
  id: string
  heading: string
  /** The heading is for screen readers alone (what encloses the section names it already). */
  hideHeading?: boolean
  /** What stands between the heading and the list. */
  intro?: TemplateResult | typeof nothing
  /** The members as last loaded; null until they are. */
  list: readonly M[] | null
  /** Said when nobody is on the list. */
  empty: string
  /** One member's row, an `<li>`. */
  row: (member: M) => TemplateResult
  /** Why loading or the last change failed. */
  error: string
  /** What the last change did, for screen readers. */
  done: string
}

/** A list of people with its heading, while loading, when empty, and the outcome of the last change. */
export function memberSection<M>(s: MemberSection<M>): TemplateResult {
  return html`<section aria-labelledby=${s.id}>
    <h3 id=${s.id} class=${s.hideHeading ? 'vh' : nothing}>${s.heading}</h3>
    ${s.intro ?? nothing}
    ${
      s.list === null
        ? html`<p aria-busy=${s.error ? 'false' : 'true'}>${s.error ? nothing : msg('Loading the members…')}</p>`
        : s.list.length
          ? html`<ul>${s.list.map((m) => s.row(m))}</ul>`
          : html`<p>${s.empty}</p>`
    }
    <div role="alert">${s.error ? html`<p class="error">${s.error}</p>` : nothing}</div>
    <div class="vh" role="status">${s.done}</div>
  </section>`
}
