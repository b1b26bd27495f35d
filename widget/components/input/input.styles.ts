import { css } from 'lit';

export const inputStyles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-top: 1px solid var(--shop-chat-border);
    background: var(--shop-chat-background);
  }
  textarea {
    flex: 1;
    min-width: 0;
    resize: none;
    /* 16px keeps iOS Safari from zooming the page when the box gets focus. */
    font: 16px/1.5 var(--shop-chat-font);
    padding: 9px 14px;
    border: 1px solid var(--shop-chat-border-strong);
    border-radius: 20px;
    background: var(--shop-chat-surface);
    color: var(--shop-chat-text);
    max-height: 128px;
  }
  textarea::placeholder {
    color: var(--shop-chat-muted);
  }
  textarea:focus-visible {
    outline: 2px solid var(--shop-chat-focus-ring);
    outline-offset: 0;
    border-color: transparent;
  }
  button {
    flex: none;
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    border: 0;
    border-radius: 50%;
    background: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
    cursor: pointer;
  }
  button:disabled {
    background: var(--shop-chat-disabled);
    color: var(--shop-chat-muted);
    cursor: default;
  }
  svg {
    width: 22px;
    height: 22px;
  }
  .limit {
    margin: 0;
    padding: 0 16px 10px;
    background: var(--shop-chat-background);
    color: var(--shop-chat-danger);
    font-size: 13px;
    line-height: 1.5;
  }
`;
