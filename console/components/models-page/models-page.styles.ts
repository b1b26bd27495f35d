import { css } from 'lit';

export const modelsPageStyles = css`
  .train {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 16px;
  }
  .progress {
    flex: 1 1 280px;
  }
  .progress .bar {
    height: 12px;
    border-radius: 6px;
  }
  .verdict {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: center;
    margin-bottom: 12px;
  }
  ul.reasons {
    margin: 0 0 12px;
    padding: 10px 14px 10px 32px;
    background: var(--console-danger-soft);
    color: var(--console-danger);
    border-radius: 8px;
    font-weight: 600;
  }
  .delta.down {
    color: var(--console-danger);
    font-weight: 700;
  }
  .delta.up {
    color: var(--console-success);
    font-weight: 700;
  }
  .override {
    margin-top: 12px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .inline-form {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .inline-form input {
    width: 220px;
  }
  tr.selected td {
    background: var(--console-accent-soft);
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 16px;
  }
  @media (max-width: 1100px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
