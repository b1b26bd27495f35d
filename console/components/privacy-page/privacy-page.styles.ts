import { css } from 'lit';

export const privacyPageStyles = css`
  .subject {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px;
  }
  .subject .grow {
    flex: 1 1 320px;
  }
  .table-wrap.counts {
    width: fit-content;
    max-width: 100%;
  }
  fieldset {
    border: none;
    margin: 0 0 12px;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
  }
  legend {
    font-weight: 600;
    font-size: 13px;
    padding: 0;
    margin-bottom: 4px;
  }
  fieldset label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  table.counts {
    min-width: min(360px, 100%);
  }
  /* A subject is one long word (a LINE user id, a UUID, an address): it wraps rather than widen a phone's page. */
  section.card > h2,
  .danger-zone button {
    overflow-wrap: anywhere;
  }
  .danger-zone button {
    max-width: 100%;
    white-space: normal;
    text-align: left;
  }
  tr.sub th {
    padding-left: 28px;
    color: var(--console-muted);
  }
  section.card > h2:first-child {
    margin-top: 0;
  }
  tbody tr:last-child th {
    border-bottom: none;
  }
  tbody th {
    /* Long table names wrap on a phone, so the counts column stays in view. */
    white-space: normal;
    color: var(--console-text);
    background: none;
    font-size: 14px;
    font-weight: 400;
  }
  .danger-zone {
    margin-top: 16px;
    padding: 14px 16px;
    border: 1px solid var(--console-danger);
    border-radius: 8px;
    background: var(--console-danger-soft);
  }
  .danger-zone p {
    margin: 0 0 10px;
    color: var(--console-danger);
    font-weight: 600;
  }
  .subject-value {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
`;
