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
