/**
 * Styles every console component starts from: box model, type, buttons, fields, tables, cards, badges,
 * alerts. Colours come from the custom properties set on the document (styles/document.styles.ts).
 */
import { css } from 'lit';

export const componentStyles = css`
  :host {
    box-sizing: border-box;
    display: block;
    color: var(--console-text);
    font-size: 14px;
    line-height: 1.6;
  }
  :host *,
  :host *::before,
  :host *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 3px solid var(--console-focus);
    outline-offset: 2px;
  }
  h1 {
    font-size: 20px;
    margin: 0 0 16px;
  }
  h2 {
    font-size: 16px;
    margin: 24px 0 8px;
  }
  h3 {
    font-size: 14px;
    margin: 16px 0 6px;
  }
  a {
    color: var(--console-link);
  }
  .muted {
    color: var(--console-muted);
  }
  .small {
    font-size: 12px;
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12.5px;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 6px 14px;
    border-radius: 6px;
    border: 1px solid var(--console-border-strong);
    background: var(--console-surface);
    color: var(--console-text);
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  button:hover:not(:disabled),
  .button:hover {
    background: var(--console-hover);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button.primary {
    background: var(--console-accent);
    border-color: var(--console-accent);
    color: #fff;
  }
  button.primary:hover:not(:disabled) {
    background: var(--console-accent-strong);
  }
  button.danger {
    color: var(--console-danger);
    border-color: var(--console-danger);
  }
  button.danger.solid {
    background: var(--console-danger);
    color: #fff;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--console-link);
    text-decoration: underline;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    padding: 6px 10px;
    border: 1px solid var(--console-border-strong);
    border-radius: 6px;
    background: var(--console-surface);
    min-width: 0;
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 600;
    font-size: 13px;
  }
  label.field > input,
  label.field > select,
  label.field > textarea {
    font-weight: 400;
    font-size: 14px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px;
    margin-bottom: 16px;
  }
  .toolbar .grow {
    flex: 1 1 200px;
  }
  .card {
    background: var(--console-surface);
    border: 1px solid var(--console-border);
    border-radius: 10px;
    padding: 16px 18px;
    margin-bottom: 16px;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
    gap: 12px;
    margin-bottom: 16px;
  }
  .stat {
    background: var(--console-surface);
    border: 1px solid var(--console-border);
    border-radius: 10px;
    padding: 12px 16px;
  }
  .stat .label {
    font-size: 12px;
    color: var(--console-muted);
  }
  .stat .value {
    font-size: 22px;
    font-weight: 700;
  }
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--console-border);
    border-radius: 10px;
    background: var(--console-surface);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 8px 12px;
    border-bottom: 1px solid var(--console-border);
    vertical-align: top;
  }
  th {
    font-size: 12px;
    font-weight: 600;
    color: var(--console-muted);
    background: var(--console-subtle);
    white-space: nowrap;
  }
  tr:last-child td {
    border-bottom: none;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tr.clickable {
    cursor: pointer;
  }
  tr.clickable:hover td {
    background: var(--console-hover);
  }
  tr.worse td {
    background: var(--console-danger-soft);
  }
  tr.better td {
    background: var(--console-success-soft);
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 600;
    background: var(--console-subtle);
    border: 1px solid var(--console-border);
    white-space: nowrap;
  }
  .badge.success {
    background: var(--console-success-soft);
    color: var(--console-success);
    border-color: transparent;
  }
  .badge.danger {
    background: var(--console-danger-soft);
    color: var(--console-danger);
    border-color: transparent;
  }
  .badge.warning {
    background: var(--console-warning-soft);
    color: var(--console-warning);
    border-color: transparent;
  }
  .badge.info {
    background: var(--console-accent-soft);
    color: var(--console-accent-strong);
    border-color: transparent;
  }
  .alert {
    padding: 10px 14px;
    border-radius: 8px;
    margin-bottom: 16px;
    border: 1px solid transparent;
  }
  .alert.error {
    background: var(--console-danger-soft);
    color: var(--console-danger);
    border-color: var(--console-danger);
  }
  .alert.warning {
    background: var(--console-warning-soft);
    color: var(--console-warning);
    border-color: var(--console-warning);
  }
  .alert.success {
    background: var(--console-success-soft);
    color: var(--console-success);
    border-color: var(--console-success);
  }
  .alert .code {
    font-family: ui-monospace, monospace;
    font-size: 12px;
    opacity: 0.8;
    margin-left: 8px;
  }
  .empty {
    padding: 24px;
    text-align: center;
    color: var(--console-muted);
  }
  .bar {
    height: 8px;
    border-radius: 4px;
    background: var(--console-subtle);
    overflow: hidden;
    min-width: 80px;
  }
  .bar > span {
    display: block;
    height: 100%;
    background: var(--console-accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
`;
