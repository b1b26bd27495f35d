import { css } from 'lit';

/** Close to the widget's bot bubble, so staff see the answer as shoppers will. */
export const markdownPreviewStyles = css`
  .bubble {
    background: #f1f3f6;
    border-radius: 18px 18px 18px 4px;
    padding: 10px 14px;
    line-height: 1.6;
    max-width: 420px;
    overflow-wrap: anywhere;
  }
  .markdown > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  .markdown p,
  .markdown ul,
  .markdown ol,
  .markdown pre,
  .markdown blockquote,
  .markdown table {
    margin: 0 0 0.6em;
  }
  .markdown ul,
  .markdown ol {
    padding-left: 1.4em;
  }
  .markdown h1,
  .markdown h2,
  .markdown h3,
  .markdown h4 {
    font-size: 1em;
    margin: 0 0 0.4em;
  }
  .markdown a[href] {
    color: var(--console-link);
  }
  .markdown code {
    background: rgba(0, 0, 0, 0.06);
    padding: 0 4px;
    border-radius: 4px;
  }
  .markdown table {
    border-collapse: collapse;
  }
  .markdown th,
  .markdown td {
    border: 1px solid var(--console-border);
    padding: 2px 6px;
  }
`;
