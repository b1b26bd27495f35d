/**
 * Localisation as a reactive controller (Shoelace's pattern): a component asks `term('key', …args)`
 * and re-renders when its locale changes. The locale is the host's `lang`, else the explicit choice the
 * host passes in, else the page's `<html lang>`, else the browser's languages, else Japanese. A change
 * of `<html lang>` (a shop's own language switcher) re-renders every widget component.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale, TRANSLATIONS, type Translation, type WidgetLocale } from '../translations/index.ts';

type Host = ReactiveControllerHost & HTMLElement;

/** Terms are strings, or functions of their parameters (counts, dates). */
type TermArgs<K extends keyof Translation> = Translation[K] extends (...args: infer A) => string ? A : [];

const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

function observeDocumentLang(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const host of hosts) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/** Gives a component its locale and typed terms. */
export class LocalizeController implements ReactiveController {
  constructor(
    private readonly host: Host,
    /** The host's explicit choice (an attribute or the shopper's switch), if any. */
    private readonly explicit: () => string | null | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    observeDocumentLang();
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The locale in force. */
  get locale(): WidgetLocale {
    return resolveLocale(
      [this.host.getAttribute('lang'), this.explicit(), document.documentElement.lang],
      typeof navigator === 'undefined' ? [] : navigator.languages,
    );
  }

  /** The translation of `key` in the current locale. */
  term<K extends keyof Translation>(key: K, ...args: TermArgs<K>): string {
    const value = TRANSLATIONS[this.locale][key] as string | ((...a: unknown[]) => string);
    return typeof value === 'function' ? value(...args) : value;
  }

  /** A time of day (`23:41`) in the shopper's time zone. */
  time(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }

  /**
   * A full date and time for tooltips and openings (`11月24日(火) 10:00`, `Tue, Nov 24, 10:00`): 24-hour,
   * the format the bot writes the same opening in (bot/handoff/reply-promise.ts `formatOpening`).
   */
  dateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.locale, {
      month: this.locale === 'ja' ? 'long' : 'short',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  }
}
