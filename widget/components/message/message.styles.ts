import { css } from 'lit';

export const messageStyles = css`
  :host {
    display: block;
    animation: appear 0.2s ease-out;
  }
  @keyframes appear {
    from {
      opacity: 0;
      transform: translateY(6px);
    }
  }
  .row {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
  }
  .row.shopper {
    align-items: flex-end;
  }
  .bubble {
    max-width: 85%;
    padding: 10px 14px;
    border-radius: var(--shop-chat-bubble-radius, 18px);
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  .bot .bubble {
    background: var(--shop-chat-bot-bubble);
    color: var(--shop-chat-text);
    border-bottom-left-radius: 4px;
  }
  .staff .bubble {
    background: var(--shop-chat-bot-bubble);
    color: var(--shop-chat-text);
    border-left: 3px solid var(--shop-chat-accent);
    border-bottom-left-radius: 4px;
  }
  .author {
    font-size: 12px;
    font-weight: 600;
    color: var(--shop-chat-accent);
  }
  .shopper .bubble {
    background: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
    border-bottom-right-radius: 4px;
  }
  .text {
    white-space: pre-wrap;
  }
  .markdown a[href] {
    color: var(--shop-chat-link);
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .markdown code {
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
  }
  .markdown pre {
    overflow-x: auto;
  }
  .markdown table {
    border-collapse: collapse;
  }
  .markdown th,
  .markdown td {
    border: 1px solid var(--shop-chat-border);
    padding: 2px 6px;
  }
  .meta {
    font-size: 12px;
    color: var(--shop-chat-muted);
    padding: 0 4px;
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .meta svg {
    width: 14px;
    height: 14px;
  }
  .sending {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .failed {
    color: var(--shop-chat-danger);
  }
  .notice {
    margin: 4px auto;
    max-width: 90%;
    font-size: 13px;
    text-align: center;
    color: var(--shop-chat-muted);
  }
  .feedback {
    display: flex;
    align-items: center;
    gap: 4px;
    margin-left: 6px;
  }
  .rate {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border: 1px solid var(--shop-chat-border);
    border-radius: 50%;
    background: transparent;
    color: var(--shop-chat-muted);
    cursor: pointer;
  }
  .rate svg {
    width: 16px;
    height: 16px;
  }
  .rate[aria-pressed='true'] {
    background: var(--shop-chat-accent);
    border-color: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
  }
  .thanks {
    font-size: 12px;
    color: var(--shop-chat-muted);
    margin-left: 4px;
  }
  .quick-replies {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 4px;
    max-width: 100%;
  }
  .quick-replies button {
    min-height: 36px;
    padding: 6px 14px;
    border: 1.5px solid var(--shop-chat-accent-text);
    border-radius: 18px;
    background: var(--shop-chat-background);
    color: var(--shop-chat-accent-text);
    font: inherit;
    font-size: 14px;
    cursor: pointer;
    text-align: left;
  }
  .quick-replies button:hover {
    background: var(--shop-chat-accent);
    border-color: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
  }
`;
