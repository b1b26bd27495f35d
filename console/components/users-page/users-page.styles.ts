import { css } from 'lit';

export const usersPageStyles = css`
  form.create {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr)) auto;
    gap: 10px;
    align-items: end;
  }
  tr.disabled td {
    color: var(--console-muted);
  }
  @media (max-width: 1000px) {
    form.create {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
`;
