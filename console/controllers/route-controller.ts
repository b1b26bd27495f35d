/**
 * Hash routing as a reactive controller: `#/escalations/<id>` → `['escalations', '<id>']`. The host
 * re-renders on every change of the hash; `navigate()` changes it (and so the browser's history).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The path segments of a hash (`#/intents/ja/shipping.fee` → `['intents', 'ja', 'shipping.fee']`). */
export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/u, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
}

/** The hash for path segments. */
export function hashOf(...segments: string[]): string {
  return `#/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** Follows `location.hash`. */
export class RouteController implements ReactiveController {
  /** The current path segments. */
  segments: string[] = parseHash(window.location.hash);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onChange);
    this.onChange();
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onChange);
  }

  /** Goes to a path. */
  navigate(...segments: string[]): void {
    window.location.hash = hashOf(...segments);
  }

  private readonly onChange = (): void => {
    this.segments = parseHash(window.location.hash);
    this.host.requestUpdate();
  };
}
