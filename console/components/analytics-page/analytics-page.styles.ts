import { css } from 'lit';

export const analyticsPageStyles = css`
  .charts {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 16px;
  }
  .charts .wide {
    grid-column: 1 / -1;
  }
  .card h2 {
    margin-top: 0;
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 8px;
  }
  .card h2 a {
    font-size: 12px;
    font-weight: 400;
  }
  .list td:first-child {
    overflow-wrap: anywhere;
  }
  @media (max-width: 1000px) {
    .charts {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
