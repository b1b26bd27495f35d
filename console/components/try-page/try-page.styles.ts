import { css } from 'lit';

export const tryPageStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: flex-end;
  }
  form .grow {
    flex: 1 1 320px;
  }
  .result {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 16px;
    align-items: start;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 16px;
    margin: 0;
  }
  dt {
    color: var(--console-muted);
    font-size: 13px;
  }
  dd {
    margin: 0;
  }
  .decision {
    font-size: 16px;
  }
  .candidates td.bar-cell {
    width: 45%;
  }
  .candidates tr.top .bar > span {
    background: var(--console-success);
  }
  @media (max-width: 1100px) {
    .result {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
