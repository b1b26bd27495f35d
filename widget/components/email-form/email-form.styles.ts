import { css } from 'lit';

export const emailFormStyles = css`
  :host {
    display: block;
  }
  form {
    margin: 0 12px 10px;
    padding: 10px 12px;
    border: 1px solid var(--shop-chat-border);
    border-radius: 12px;
    background: var(--shop-chat-surface);
    font-size: 14px;
    line-height: 1.5;
  }
  p {
    margin: 0 0 4px;
  }
  .title {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 700;
  }
  .title svg {
    width: 18px;
    height: 18px;
    color: var(--shop-chat-accent-text);
  }
  .promise,
  .privacy {
    color: var(--shop-chat-muted);
    font-size: 13px;
  }
  label {
    display: block;
    font-size: 13px;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .field {
    display: flex;
    gap: 8px;
  }
  input {
    flex: 1 1 0;
    min-width: 0;
    font: 16px/1.4 var(--shop-chat-font);
    padding: 8px 12px;
    border: 1px solid var(--shop-chat-border-strong);
    border-radius: 8px;
    background: var(--shop-chat-background);
    color: var(--shop-chat-text);
  }
  input[aria-invalid='true'] {
    border-color: var(--shop-chat-danger);
  }
  button {
    flex: none;
    white-space: nowrap;
    min-height: 40px;
    padding: 8px 14px;
    border: 0;
    border-radius: 8px;
    background: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .error {
    color: var(--shop-chat-danger);
    font-size: 13px;
    margin: 6px 0 0;
  }
  .error:empty {
    display: none;
  }
  .privacy {
    margin: 6px 0 0;
    font-size: 12px;
  }
`;
