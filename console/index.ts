/**
 * The staff console's entry (bundled to dist/console/console.<hash>.js, loaded by the shell that
 * server/routes/console-page.ts serves): adopts the page's styles and defines `<console-app>`.
 */
import { documentStyles } from './styles/document.styles.ts';
import './components/console-app/console-app.ts';

if (documentStyles.styleSheet)
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, documentStyles.styleSheet];
