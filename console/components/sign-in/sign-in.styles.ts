import { css } from 'lit';

export const signInStyles = css`
  :host {
    display: grid;
    place-items: center;
    min-height: 100vh;
    padding: 24px;
  }
  form {
    width: min(380px, 100%);
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .brand {
    font-size: 13px;
    color: var(--console-muted);
    margin: 0;
  }
  h1 {
    margin: 0 0 4px;
  }
  button.primary {
    justify-content: center;
    padding: 8px 14px;
  }
`;
