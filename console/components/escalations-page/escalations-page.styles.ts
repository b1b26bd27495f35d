import { css } from 'lit';

export const escalationsPageStyles = css`
  td.summary {
    max-width: 320px;
  }
`;
