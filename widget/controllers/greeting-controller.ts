/**
 * The proactive greeting by the launcher: after a delay with the window closed, the bot's greeting shows
 * in a bubble, once per device. The bot decides the words (time of day, opening hours) and whether to
 * greet at all; its welcome carries them (`welcome.greeting`). The words the shopper saw open the
 * transcript when the window opens.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatConnection } from '../chat/chat-connection.ts';
import { readPreference, writePreference } from '../internal/preferences.ts';

/** localStorage: the widget asked for the proactive greeting once on this device (it never asks again). */
const GREETED_KEY = 'shop-chat:greeted';

/** What the greeting needs of the widget. */
export interface GreetingHost extends ReactiveControllerHost {
  /** Whether the chat window is open (no greeting then). */
  readonly open: boolean;
}

/** The greeting bubble of one widget. */
export class GreetingController implements ReactiveController {
  /** The bubble's text while it shows, else null. */
  bubble: string | null = null;
  /** The greeting the shopper saw before opening: the transcript starts with it. */
  seen: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The delay has passed and the bot's greeting is awaited with the next welcome. */
  private due = false;

  /**
   * `connection()`: the widget's current connection; `startChat()` connects it (a brand-new visitor's
   * conversation starts when the greeting is due, and its welcome brings the greeting).
   */
  constructor(
    private readonly host: GreetingHost,
    private readonly connection: () => ChatConnection,
    private readonly startChat: () => void,
  ) {
    host.addController(this);
  }

  /** Asks for the greeting after `delayMs` unless the window is open or this device was greeted (negative: never). */
  schedule(delayMs: number): void {
    if (delayMs < 0 || this.host.open || readPreference('local', GREETED_KEY) !== null) return;
    this.timer = setTimeout(() => this.ask(), delayMs);
  }

  /** A welcome came: show its greeting if one is awaited. */
  welcomed(): void {
    if (this.due) this.show();
  }

  /** The shopper closed the bubble: the server records it, so the conversation is never greeted again. */
  dismiss(): void {
    this.bubble = null;
    this.connection().dismissGreeting();
    this.host.requestUpdate();
  }

  /**
   * The window opened: a shopper who found the chat needs no invitation, so no greeting later on this
   * device; the bubble's words stay readable as the transcript's first line.
   */
  opened(): void {
    clearTimeout(this.timer);
    writePreference('local', GREETED_KEY, '1');
    if (this.bubble !== null) this.seen = this.bubble;
    this.bubble = null;
    this.due = false;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /**
   * The delay passed with the window closed: take the bot's greeting, once per device. A returning
   * shopper's resumed conversation has its welcome already; for a brand-new visitor the conversation
   * starts now, and its welcome brings the greeting (the server greets a conversation once).
   */
  private ask(): void {
    if (this.host.open) return;
    writePreference('local', GREETED_KEY, '1');
    this.due = true;
    if (this.connection().state === 'online') this.show();
    else this.startChat();
  }

  /** Shows the latest welcome's greeting; none when the bot said null. */
  private show(): void {
    this.due = false;
    if (this.host.open) return;
    this.bubble = this.connection().greeting;
    this.host.requestUpdate();
  }
}
