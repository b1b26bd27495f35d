import { css } from 'lit';

export const escalationDetailStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px;
    margin-bottom: 12px;
  }
  .head h1 {
    margin: 0;
  }
  .head .spacer {
    flex: 1;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    color: var(--console-muted);
    font-size: 13px;
  }
  dd {
    margin: 0;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: 16px;
    align-items: start;
  }
  .transcript {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .line {
    display: flex;
    flex-direction: column;
    max-width: 85%;
  }
  .line.shopper {
    align-self: flex-end;
    align-items: flex-end;
  }
  .line .bubble {
    padding: 8px 12px;
    border-radius: 12px;
    background: var(--console-subtle);
  }
  .line.shopper .bubble {
    background: var(--console-accent-soft);
  }
  .line.staff .bubble {
    border-left: 3px solid var(--console-accent);
  }
  .via {
    display: flex;
    gap: 16px;
    border: none;
    padding: 0;
    margin: 0 0 8px;
  }
  .via label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .line .meta {
    font-size: 11.5px;
    color: var(--console-muted);
  }
  .mail {
    border-top: 1px solid var(--console-border);
    padding-top: 12px;
    margin-top: 12px;
  }
  .mail:first-of-type {
    border-top: none;
    margin-top: 0;
    padding-top: 0;
  }
  .notes {
    list-style: none;
    padding: 0;
    margin: 0 0 12px;
  }
  .notes li {
    padding: 8px 0;
    border-bottom: 1px solid var(--console-border);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  form > div {
    display: flex;
    gap: 8px;
  }
  @media (max-width: 1100px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
