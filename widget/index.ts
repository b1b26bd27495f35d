/**
 * The widget's entry (bundled to widget.js): defines the components and, unless the page already has a
 * `<shop-chat>`, inserts one. The script tag's `data-*` attributes (`data-server`, `data-locale`,
 * `data-theme`, `data-accent`, `data-heading`, `data-greeting-delay`) become the inserted element's
 * attributes; the server defaults to where the script was loaded from.
 */
import { setDefaultServer } from './components/shop-chat/shop-chat.component.ts';
import './components/shop-chat/shop-chat.ts';

const ATTRIBUTES = ['server', 'locale', 'theme', 'accent', 'heading', 'greeting-delay'] as const;

const script = document.currentScript as HTMLScriptElement | null;
if (script?.src) setDefaultServer(new URL(script.src).origin);

function insert(): void {
  if (document.querySelector('shop-chat')) return;
  const element = document.createElement('shop-chat');
  for (const name of ATTRIBUTES) {
    const value = script?.getAttribute(`data-${name}`);
    if (value !== null && value !== undefined) element.setAttribute(name, value);
  }
  document.body.append(element);
}

if (script?.dataset.autoInsert !== 'false') {
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', insert, { once: true });
  else insert();
}
