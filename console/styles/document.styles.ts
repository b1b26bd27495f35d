/**
 * The page's own styles, adopted by the document (a constructed stylesheet, so the strict
 * Content-Security-Policy needs no inline `<style>`): the palette as custom properties, which cross
 * every shadow root, and the body's margins and type.
 */
import { css } from 'lit';

export const documentStyles = css`
  :root {
    --console-bg: #f4f5f7;
    --console-surface: #ffffff;
    --console-subtle: #f0f2f5;
    --console-hover: #eef2f8;
    --console-border: #e1e4e8;
    --console-border-strong: #c4c9d0;
    --console-text: #1f2430;
    --console-muted: #5f6776;
    --console-accent: #2f6fdb;
    --console-accent-strong: #1f55b3;
    --console-accent-soft: #e5eefc;
    --console-link: #1f55b3;
    --console-focus: #7aa7f5;
    --console-danger: #b42318;
    --console-danger-soft: #fdecea;
    --console-success: #1b7a3d;
    --console-success-soft: #e4f5ea;
    --console-warning: #8a5300;
    --console-warning-soft: #fff4dc;
    --console-nav-bg: #1f2937;
    --console-nav-text: #d5dae3;
    color-scheme: light;
  }
  html,
  body {
    margin: 0;
    padding: 0;
    background: var(--console-bg);
    color: var(--console-text);
    font-family: system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Noto Sans JP', Meiryo,
      sans-serif;
  }
`;
