import { css } from 'lit';

export const stringListStyles = css`
  ul {
    list-style: none;
    margin: 0 0 8px;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
    max-height: 320px;
    overflow-y: auto;
  }
  li {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 4px 4px 10px;
    background: var(--console-subtle);
    border-radius: 6px;
  }
  li .text {
    flex: 1;
  }
  li button {
    padding: 0 8px;
    border: none;
    background: transparent;
    color: var(--console-muted);
    font-size: 16px;
    line-height: 1.4;
  }
  li button:hover {
    color: var(--console-danger);
  }
  .add {
    display: flex;
    gap: 8px;
  }
  .add input {
    flex: 1;
  }
`;
