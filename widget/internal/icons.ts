/** Inline SVG icons (no icon font, no requests). Decorative: the buttons carry the labels. */
import { svg } from 'lit';

const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z"/>`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18"/>`);
export const sendIcon = icon(svg`<path d="M4 12 20 4l-6 16-2.5-6.5L4 12Z"/>`);
export const thumbUpIcon = icon(
  svg`<path d="M7 10v10H4V10h3Zm0 0 4-7c1.7 0 2.6 1 2.3 2.7L12.8 9H19a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.8 20H7"/>`,
);
export const thumbDownIcon = icon(
  svg`<path d="M17 14V4h3v10h-3Zm0 0-4 7c-1.7 0-2.6-1-2.3-2.7l.5-3.3H5a2 2 0 0 1-2-2.3l1.2-7A2 2 0 0 1 6.2 4H17"/>`,
);
export const mailIcon = icon(svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3 7 9 6 9-6"/>`);
export const clockIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`);
