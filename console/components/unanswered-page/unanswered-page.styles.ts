import { css } from 'lit';

export const unansweredPageStyles = css`
  .group {
    display: grid;
    grid-template-columns: 64px minmax(0, 1fr) auto;
    gap: 14px;
    align-items: start;
  }
  .count {
    font-size: 22px;
    font-weight: 700;
    text-align: center;
    line-height: 1.1;
  }
  .count small {
    display: block;
    font-size: 11px;
    font-weight: 400;
    color: var(--console-muted);
  }
  .label {
    font-weight: 600;
    font-size: 15px;
  }
  details {
    margin-top: 6px;
  }
  details ul {
    margin: 6px 0 0;
    padding-left: 1.2em;
  }
  .assign {
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 240px;
  }
  .assign .row {
    display: flex;
    gap: 6px;
  }
  .assign select {
    flex: 1;
    max-width: 260px;
  }
  @media (max-width: 900px) {
    .group {
      grid-template-columns: 48px minmax(0, 1fr);
    }
    .assign {
      grid-column: 1 / -1;
    }
  }
`;
