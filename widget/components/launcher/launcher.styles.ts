import { css } from 'lit';

export const launcherStyles = css`
  :host {
    display: inline-block;
  }
  button {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--shop-chat-launcher-size, 56px);
    height: var(--shop-chat-launcher-size, 56px);
    border: 0;
    border-radius: 50%;
    background: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
    cursor: pointer;
    transition: transform 0.15s ease;
  }
  button:hover {
    transform: scale(1.06);
  }
  svg {
    width: 28px;
    height: 28px;
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #c62828;
    color: #fff;
    font: 700 12px/22px var(--shop-chat-font);
    box-shadow: 0 0 0 2px var(--shop-chat-background);
  }
`;
