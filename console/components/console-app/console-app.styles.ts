import { css } from 'lit';

export const consoleAppStyles = css`
  :host {
    min-height: 100vh;
  }
  .layout {
    display: grid;
    grid-template-columns: 200px minmax(0, 1fr);
    min-height: 100vh;
  }
  nav {
    background: var(--console-nav-bg);
    color: var(--console-nav-text);
    padding: 16px 10px;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .brand {
    font-weight: 700;
    font-size: 15px;
    color: #fff;
    padding: 4px 10px 16px;
  }
  nav a {
    color: var(--console-nav-text);
    text-decoration: none;
    padding: 8px 10px;
    border-radius: 6px;
  }
  nav a:hover {
    background: rgba(255, 255, 255, 0.08);
  }
  nav a[aria-current='page'] {
    background: var(--console-accent);
    color: #fff;
    font-weight: 600;
  }
  .who {
    margin-top: auto;
    padding: 12px 10px 0;
    border-top: 1px solid rgba(255, 255, 255, 0.12);
    font-size: 12px;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .who .name {
    color: #fff;
    font-weight: 600;
    font-size: 13px;
  }
  .who button {
    align-self: flex-start;
    background: transparent;
    color: var(--console-nav-text);
    border-color: rgba(255, 255, 255, 0.3);
    padding: 3px 10px;
    font-size: 12px;
  }
  .who button:hover {
    background: rgba(255, 255, 255, 0.1);
  }
  main {
    padding: 24px 28px 48px;
    min-width: 0;
  }
  .loading {
    padding: 48px;
    text-align: center;
    color: var(--console-muted);
  }
  @media (max-width: 760px) {
    .layout {
      grid-template-columns: 1fr;
    }
    nav {
      flex-direction: row;
      flex-wrap: wrap;
      padding: 8px;
    }
    .brand {
      width: 100%;
      padding-bottom: 6px;
    }
    .who {
      margin-top: 0;
      width: 100%;
      flex-direction: row;
      align-items: center;
      border-top: none;
    }
  }
`;
