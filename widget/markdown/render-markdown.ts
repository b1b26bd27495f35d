/**
 * The one markdown path of the widget: `marked` → `DOMPurify` (allow-list) → DOM. Bot answers are
 * Markdown written by shop staff, so they are still treated as untrusted: raw HTML in the Markdown is
 * shown as text, and whatever `marked` produces passes an allow-list of tags, attributes and URL
 * schemes (https and mailto only). Links open in a new tab with `rel="noopener"`. Text a shopper typed
 * never comes here: it is rendered as a lit text binding.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { ANSWER_MARKDOWN_OPTIONS } from '../../bot/answers/answer-markdown.ts';

/** Tags an answer may use: paragraphs, emphasis, lists, links, code, quotes, simple tables. */
const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
/** Attributes kept: link targets and titles only (no style, no class, no event handlers). */
const ALLOWED_ATTR = ['href', 'title', 'start'];
/** URL schemes a link may use. Anything else (javascript:, data:, relative URLs) loses its href. */
const ALLOWED_URI_REGEXP = /^(?:https:|mailto:)/iu;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

// The same dialect `npm run corpus:lint` checks every answer against.
const marked = new Marked({
  ...ANSWER_MARKDOWN_OPTIONS,
  async: false,
  // Raw HTML inside the Markdown becomes visible text, never markup.
  renderer: { html: ({ text }) => escapeHtml(text) },
});

let purifier: ReturnType<typeof DOMPurify> | undefined;

/** A DOMPurify instance of our own, so our hook never touches a shop page's copy of DOMPurify. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener');
    }
  });
  return purifier;
}

/** Renders bot Markdown to a sanitised fragment of the current document. */
export function renderMarkdown(markdown: string): DocumentFragment {
  const html = marked.parse(markdown) as string;
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}
