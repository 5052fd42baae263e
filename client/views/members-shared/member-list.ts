import { css } from 'lit'

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
