import { css } from 'lit';

export const messageListStyles = css`
  :host {
    display: block;
    min-height: 0;
    position: relative;
  }
  .log {
    height: 100%;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 16px;
    /* Offsets of the messages are measured from here (scrolling a long answer to its start). */
    position: relative;
  }
  .content {
    display: flex;
    flex-direction: column;
    gap: 12px;
    min-height: 100%;
  }
  .new-message {
    position: absolute;
    left: 50%;
    bottom: 12px;
    transform: translateX(-50%);
    padding: 8px 16px;
    border: none;
    border-radius: 999px;
    background: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
    font: inherit;
    font-size: 14px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
    cursor: pointer;
  }
  .log:focus-visible {
    outline-offset: -3px;
  }
  .empty {
    margin: auto 8px;
    text-align: center;
    color: var(--shop-chat-muted);
    font-size: 14px;
    line-height: 1.6;
  }
  .typing {
    align-self: flex-start;
    padding: 12px 16px;
    border-radius: 18px;
    border-bottom-left-radius: 4px;
    background: var(--shop-chat-bot-bubble);
  }
  .dots {
    display: flex;
    gap: 4px;
  }
  .dots i {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--shop-chat-muted);
    animation: bounce 1.2s infinite ease-in-out;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes bounce {
    0%,
    60%,
    100% {
      transform: translateY(0);
      opacity: 0.5;
    }
    30% {
      transform: translateY(-4px);
      opacity: 1;
    }
  }
`;
