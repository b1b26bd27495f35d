/**
 * Layout of rendered markdown (answers): spacing of paragraphs, lists and headings inside a bubble. Shared
 * by the widget's messages and the console's answer preview, so staff see an answer as shoppers will.
 * Colours stay with each user (links, borders), through their own custom properties.
 */
import { css } from 'lit';

export const markdownStyles = css`
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
  .markdown h4,
  .markdown h5,
  .markdown h6 {
    font-size: 1em;
    margin: 0 0 0.4em;
  }
`;
