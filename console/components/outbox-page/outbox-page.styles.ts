import { css } from 'lit';

export const outboxPageStyles = css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-bottom: 12px;
  }
  .tabs button[aria-pressed='true'] {
    background: var(--console-accent);
    border-color: var(--console-accent);
    color: #fff;
  }
  td.subject {
    max-width: 360px;
  }
`;
