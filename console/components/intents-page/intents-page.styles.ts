import { css } from 'lit';

export const intentsPageStyles = css`
  .title-cell {
    font-weight: 600;
  }
  .id-cell {
    font-family: ui-monospace, monospace;
    font-size: 12.5px;
  }
  td a {
    text-decoration: none;
  }
`;
