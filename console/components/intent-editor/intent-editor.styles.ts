import { css } from 'lit';

export const intentEditorStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 12px;
    margin-bottom: 16px;
  }
  .head h1 {
    margin: 0;
  }
  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 16px;
    align-items: start;
  }
  .fields {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 12px;
  }
  .fields .wide {
    grid-column: 1 / -1;
  }
  textarea.answer {
    min-height: 180px;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 13px;
  }
  .lint ul {
    margin: 0;
    padding-left: 1.2em;
  }
  .lint li.error {
    color: var(--console-danger);
  }
  .lint li.warning {
    color: var(--console-warning);
  }
  .savebar {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: center;
    margin-bottom: 16px;
  }
  .savebar .spacer {
    flex: 1;
  }
  @media (max-width: 1100px) {
    .grid {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
