import { css } from 'lit';

export const chartStyles = css`
  .wrap {
    position: relative;
    height: var(--console-chart-height, 260px);
    width: 100%;
  }
`;
