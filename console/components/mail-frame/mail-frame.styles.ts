import { css } from 'lit';

export const mailFrameStyles = css`
  iframe {
    display: block;
    width: 100%;
    height: var(--console-mail-frame-height, 380px);
    border: 1px solid var(--console-border);
    border-radius: 6px;
    background: #fff;
    resize: vertical;
  }
`;
