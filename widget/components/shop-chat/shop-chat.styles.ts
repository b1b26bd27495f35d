import { css } from 'lit';

/** The dark palette: applied by theme="dark", or by the system setting unless theme="light". */
const darkPalette = css`
  --shop-chat-accent-text: color-mix(in srgb, var(--shop-chat-accent) 40%, white);
  --shop-chat-background: #16191c;
  --shop-chat-surface: #1f2327;
  --shop-chat-bot-bubble: #262b30;
  --shop-chat-text: #eceff1;
  --shop-chat-muted: #a9b1b8;
  --shop-chat-border: #343a40;
  --shop-chat-border-strong: #78818a;
  --shop-chat-danger: #ff8a80;
  --shop-chat-disabled: #2b3035;
  --shop-chat-focus-ring: #8ab4f8;
  color-scheme: dark;
`;

export const shopChatStyles = css`
  :host {
    /* Public custom properties (see the class comment); the page's own CSS overrides these defaults. */
    --shop-chat-accent: #2f6f4f;
    --shop-chat-on-accent: #ffffff;
    --shop-chat-accent-text: var(--shop-chat-accent);
    --shop-chat-link: var(--shop-chat-accent-text);
    --shop-chat-font: system-ui, -apple-system, 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Noto Sans JP',
      'Yu Gothic UI', Meiryo, sans-serif;
    --shop-chat-background: #ffffff;
    --shop-chat-surface: #f6f7f7;
    --shop-chat-bot-bubble: #eef1f0;
    --shop-chat-text: #1c2320;
    --shop-chat-muted: #56605b;
    --shop-chat-border: #dfe4e2;
    --shop-chat-border-strong: #7f8a85;
    --shop-chat-danger: #b3261e;
    --shop-chat-disabled: #e6e9e8;
    --shop-chat-focus-ring: #1a5fd0;
    --shop-chat-offset: 20px;
    /* Above the fixed 「ページトップへ」 buttons shop themes put in the corner (EC-CUBE 4: 40px at 30px). */
    --shop-chat-offset-bottom: 84px;
    --shop-chat-width: 380px;
    --shop-chat-height: 640px;
    --shop-chat-z-index: 2147483000;

    position: fixed;
    right: var(--shop-chat-offset);
    bottom: var(--shop-chat-offset-bottom);
    z-index: var(--shop-chat-z-index);
    font-family: var(--shop-chat-font);
    font-size: 15px;
    color: var(--shop-chat-text);
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }

  .root {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
  }
  .launcher {
    position: relative;
  }

  .window {
    position: absolute;
    right: 0;
    bottom: calc(100% + 14px);
    width: min(var(--shop-chat-width), calc(100vw - 2 * var(--shop-chat-offset)));
    height: min(
      var(--shop-chat-height),
      calc(100dvh - 56px - 2 * var(--shop-chat-offset) - var(--shop-chat-offset-bottom) - 14px)
    );
    display: flex;
    flex-direction: column;
    overflow: hidden;
    border-radius: 16px;
    background: var(--shop-chat-background);
    box-shadow:
      0 12px 40px rgb(0 0 0 / 0.22),
      0 0 0 1px rgb(0 0 0 / 0.06);
    transform-origin: bottom right;
    animation: open 0.2s ease-out;
  }
  .window:focus {
    outline: none;
  }
  @keyframes open {
    from {
      opacity: 0;
      transform: translateY(12px) scale(0.98);
    }
  }

  header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 12px 8px 12px 16px;
    background: var(--shop-chat-accent);
    color: var(--shop-chat-on-accent);
  }
  .titles {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 700;
    line-height: 1.4;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    margin: 2px 0 0;
    padding-left: 2px;
    font-size: 12px;
    opacity: 0.92;
    display: flex;
    align-items: center;
    gap: 6px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .dot {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #9be7b4;
    box-shadow: 0 0 0 2px rgb(255 255 255 / 0.35);
  }
  .status[data-state='connecting'] .dot {
    background: #ffd54f;
  }
  .status[data-state='offline'] .dot {
    background: #ff8a80;
  }
  .header-button {
    flex: none;
    display: grid;
    place-items: center;
    min-width: 40px;
    height: 40px;
    padding: 0 8px;
    border: 0;
    border-radius: 20px;
    background: transparent;
    color: inherit;
    font: 600 13px var(--shop-chat-font);
    cursor: pointer;
  }
  .header-button:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .header-button:focus-visible {
    outline-color: var(--shop-chat-on-accent);
    outline-offset: -3px;
  }
  .header-button svg {
    width: 22px;
    height: 22px;
  }

  .banner {
    margin: 0;
    padding: 8px 16px;
    font-size: 13px;
    line-height: 1.5;
  }
  .banner.offline,
  .banner.unavailable {
    background: #fff4e5;
    color: #6b3d00;
  }
  .banner.closed {
    background: #e8f0fe;
    color: #17345f;
  }
  :host([theme='dark']) .banner.offline,
  :host([theme='dark']) .banner.unavailable {
    background: #3b2a12;
    color: #ffd8a8;
  }
  :host([theme='dark']) .banner.closed {
    background: #1b2a44;
    color: #c6dafc;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) .banner.offline,
    :host(:not([theme='light'])) .banner.unavailable {
      background: #3b2a12;
      color: #ffd8a8;
    }
    :host(:not([theme='light'])) .banner.closed {
      background: #1b2a44;
      color: #c6dafc;
    }
  }

  .messages {
    flex: 1;
    min-height: 0;
  }

  .greeting {
    position: relative;
    max-width: min(300px, calc(100vw - 2 * var(--shop-chat-offset)));
    margin-bottom: 12px;
    animation: open 0.25s ease-out;
  }
  .greeting-text {
    display: block;
    padding: 12px 36px 12px 14px;
    border: 0;
    border-radius: 14px;
    border-bottom-right-radius: 4px;
    background: var(--shop-chat-background);
    color: var(--shop-chat-text);
    font: 14px/1.6 var(--shop-chat-font);
    text-align: left;
    box-shadow:
      0 6px 24px rgb(0 0 0 / 0.18),
      0 0 0 1px rgb(0 0 0 / 0.05);
    cursor: pointer;
  }
  .greeting-close {
    position: absolute;
    top: 4px;
    right: 4px;
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--shop-chat-muted);
    cursor: pointer;
  }
  .greeting-close svg {
    width: 16px;
    height: 16px;
  }

  /* Phones (≤ 480px): the open window covers the screen, the header's close button replaces the launcher. */
  @media (max-width: 480px) {
    :host {
      --shop-chat-offset: 16px;
      /* EC-CUBE 4 on phones: 40px at 10px from the bottom. */
      --shop-chat-offset-bottom: 64px;
    }
    /*
     * The greeting is one line beside the launcher, level with its foot: it covers no more of the page
     * than the launcher's own row, so the page's buttons stay free. The whole text opens the transcript.
     */
    .root {
      flex-direction: row;
      align-items: flex-end;
      gap: 10px;
    }
    .greeting {
      max-width: calc(100vw - 2 * var(--shop-chat-offset) - 66px);
      margin-bottom: 0;
    }
    .greeting {
      min-width: 0;
    }
    .greeting-text {
      /* A button sizes to its text by default: fill the bubble so the line can end in an ellipsis. */
      width: 100%;
      padding: 8px 34px 8px 12px;
      font-size: 13px;
      line-height: 1.5;
    }
    .greeting-body {
      display: block;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .window {
      position: fixed;
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: 0;
      padding-bottom: env(safe-area-inset-bottom);
      animation-name: open-phone;
    }
    :host([open]) .launcher {
      display: none;
    }
  }
  @keyframes open-phone {
    from {
      opacity: 0;
      transform: translateY(24px);
    }
  }
  .focus-guard {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
`;
