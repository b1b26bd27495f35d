import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { bannerOf } from '../../chat/banner.ts';
import { emailRequest, greetingEntry } from '../../chat/chat-entries.ts';
import type { ConnectionState, FeedbackValue, QuickReply } from '../../chat/types.ts';
import { ConnectionController } from '../../controllers/connection-controller.ts';
import { GreetingController } from '../../controllers/greeting-controller.ts';
import { LocalizeController } from '../../controllers/localize-controller.ts';
import { PhoneLayoutController } from '../../controllers/phone-layout-controller.ts';
import { closeIcon } from '../../internal/icons.ts';
import { readPreference, writePreference } from '../../internal/preferences.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { matchLocale, type WidgetLocale } from '../../translations/index.ts';
import '../email-form/email-form.ts';
import '../input/input.ts';
import '../launcher/launcher.ts';
import '../message-list/message-list.ts';
import type { ShopChatEmailForm } from '../email-form/email-form.component.ts';
import type { ShopChatInput } from '../input/input.component.ts';
import type { ShopChatLauncher } from '../launcher/launcher.component.ts';
import type { ShopChatMessageList } from '../message-list/message-list.component.ts';
import { shopChatStyles } from './shop-chat.styles.ts';

/** sessionStorage: the window was open (a reload or the next page keeps it open). */
const OPEN_KEY = 'shop-chat:open';
/** localStorage: the language the shopper chose with the switch. */
const LOCALE_KEY = 'shop-chat:locale';

/** The status line's term for each connection state. */
const STATUS_TERMS = {
  connecting: 'statusConnecting',
  online: 'statusOnline',
  offline: 'statusOffline',
  unavailable: 'statusUnavailable',
} as const satisfies Record<ConnectionState, string>;

/** The server when no `server` attribute is given: where widget.js was loaded from (set by the entry). */
let defaultServer: string | undefined;
/** Called by the entry script with the origin it was loaded from. */
export function setDefaultServer(server: string): void {
  defaultServer = server;
}

/**
 * @summary The support chat: a launcher button that opens a chat window with the shop's bot. Add it with
 * one script tag; it inserts itself, or place `<shop-chat>` where you want it.
 *
 * @event shop-chat-open - The window opened.
 * @event shop-chat-close - The window closed.
 *
 * @csspart launcher - The launcher button (`<shop-chat-launcher>`).
 * @csspart greeting - The proactive greeting bubble.
 * @csspart window - The chat window.
 * @csspart header - The window's header.
 * @csspart banner - The offline or closed-hours banner.
 * @csspart messages - The scrolling transcript.
 * @csspart bubble - A message bubble.
 * @csspart quick-reply - A quick reply or clarify button.
 * @csspart feedback - The helpful / not helpful buttons.
 * @csspart email-form - The handoff email form.
 * @csspart input - The message box.
 *
 * @cssproperty --shop-chat-accent - The shop's colour: launcher, header, the shopper's bubbles, buttons.
 * @cssproperty --shop-chat-on-accent - Text and icons on the accent colour (default white).
 * @cssproperty --shop-chat-accent-text - The accent used as text on the background (links, quick replies).
 * @cssproperty --shop-chat-font - The font stack.
 * @cssproperty --shop-chat-background - The window's background.
 * @cssproperty --shop-chat-surface - Raised surfaces (input, forms).
 * @cssproperty --shop-chat-bot-bubble - The bot's bubbles.
 * @cssproperty --shop-chat-text - Body text.
 * @cssproperty --shop-chat-muted - Secondary text (times, hints).
 * @cssproperty --shop-chat-border - Hairlines.
 * @cssproperty --shop-chat-width - The window's width on larger screens (default 380px).
 * @cssproperty --shop-chat-height - The window's largest height on larger screens (default 640px).
 * @cssproperty --shop-chat-offset - The launcher's distance from the viewport's right edge (default 20px; 16px on phones).
 * @cssproperty --shop-chat-offset-bottom - The launcher's distance from the viewport's bottom (default 84px; 64px on
 * phones): above the fixed 「ページトップへ」 buttons shop themes put in that corner (EC-CUBE 4).
 * @cssproperty --shop-chat-z-index - Stacking order (default 2147483000).
 */
export class ShopChat extends LitElement {
  static override styles = [componentStyles, shopChatStyles];

  /** The bot's base URL (`https://bot.example`). Default: where widget.js came from. */
  @property() accessor server = '';

  /** `ja` or `en`; empty follows the page's `<html lang>`, then the browser. */
  @property() accessor locale = '';

  /** `light`, `dark`, or `auto` (follows the system setting). */
  @property({ reflect: true }) accessor theme: 'auto' | 'light' | 'dark' = 'auto';

  /** The shop's colour, a shortcut for `--shop-chat-accent` (e.g. `#2f6f4f`). */
  @property() accessor accent = '';

  /** The window's title; default "お問い合わせチャット" / "Support chat". */
  @property() accessor heading = '';

  /**
   * The shop-signed token of the logged-in shopper (docs/identity.md); empty: anonymous. A change is sent
   * on the open connection at once (also setShopperToken).
   */
  @property({ attribute: 'shopper-token' }) accessor shopperToken = '';

  /** Whether the window is open. */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  /**
   * Milliseconds before the proactive greeting shows (the bot's text; asked for once per device); negative:
   * never.
   */
  @property({ type: Number, attribute: 'greeting-delay' }) accessor greetingDelay = 4000;

  @state() private accessor chosenLocale: WidgetLocale | undefined = matchLocale(
    readPreference('local', LOCALE_KEY),
  );
  @state() private accessor unread = 0;
  @query('shop-chat-launcher') private accessor launcher!: ShopChatLauncher;
  @query('shop-chat-input') private accessor input!: ShopChatInput;
  @query('shop-chat-email-form') private accessor emailForm!: ShopChatEmailForm | null;
  @query('shop-chat-message-list') private accessor messageList!: ShopChatMessageList;
  @query('.window') private accessor windowElement!: HTMLElement | null;

  private readonly localize = new LocalizeController(this, () => this.chosenLocale ?? this.locale);
  private readonly chat = new ConnectionController(this, {
    server: '',
    locale: () => this.localize.locale,
    shopperToken: () => this.shopperToken || null,
    visible: () => this.open,
    onBotMessage: () => {
      if (!this.open) this.unread += 1;
    },
    onWelcome: () => this.greeting.welcomed(),
    // The bot switched the conversation's language: the labels follow, and the next hello keeps it.
    onLocale: (locale) => {
      this.chosenLocale = locale;
      writePreference('local', LOCALE_KEY, locale);
    },
  });
  private readonly greeting = new GreetingController(
    this,
    () => this.chat.connection,
    () => this.chat.start(),
  );
  private readonly layout = new PhoneLayoutController(this);
  /** The current conversation's id once connected (quote it in support requests; it resumes nothing). */
  get conversationId(): string | null {
    return this.chat.connection.conversationId;
  }

  /**
   * Hands the widget the logged-in shopper's new token (before the old one expires, or after signing in)
   * or takes it away (null: signed out); the open connection sends it at once. Same as setting the
   * `shopper-token` attribute.
   */
  setShopperToken(token: string | null): void {
    this.shopperToken = token ?? '';
  }

  /** The server in force. */
  private get serverUrl(): string {
    return this.server || defaultServer || window.location.origin;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.chat.setServer(this.serverUrl);
    if (readPreference('session', OPEN_KEY) === '1') this.open = true;
    // Resume a conversation at once (replies, history, unread staff replies), not a new one per page view.
    if (this.open || this.chat.hasStoredConversation) this.chat.start();
    this.greeting.schedule(this.greetingDelay);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server')) this.chat.setServer(this.serverUrl);
    // Not on the first render: the first hello reads the token itself.
    if (changed.has('shopperToken') && changed.get('shopperToken') !== undefined) {
      this.chat.connection.refreshShopperToken();
    }
    if (changed.has('accent')) {
      if (this.accent) this.style.setProperty('--shop-chat-accent', this.accent);
      else this.style.removeProperty('--shop-chat-accent');
    }
  }

  /** Opens the window and puts the focus in the message box. */
  async show(): Promise<void> {
    if (this.open) return;
    this.open = true;
    this.greeting.opened();
    this.unread = 0;
    writePreference('session', OPEN_KEY, '1');
    this.chat.start();
    this.dispatchEvent(new CustomEvent('shop-chat-open', { bubbles: true, composed: true }));
    await this.updateComplete;
    this.messageList?.scrollToEnd();
    this.focusComposer();
  }

  /**
   * Puts the focus where the shopper types next. On touch screens that would throw the keyboard over the
   * answer the shopper came to read, so focus moves to the dialog itself; a tap on the box brings the
   * keyboard.
   */
  private focusComposer(): void {
    if (window.matchMedia?.('(pointer: coarse)').matches) this.windowElement?.focus();
    else (this.emailForm ?? this.input)?.focus();
  }

  /** Closes the window and returns the focus to the launcher. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    writePreference('session', OPEN_KEY, null);
    this.dispatchEvent(new CustomEvent('shop-chat-close', { bubbles: true, composed: true }));
    await this.updateComplete;
    this.launcher?.focus();
  }

  /**
   * Keeps Tab inside the full-screen window: a focusable guard at each end sends the focus round to the
   * other end (the page behind is covered and must not take the focus).
   */
  private wrapFocus(to: 'first' | 'last'): void {
    if (to === 'first') {
      this.renderRoot.querySelector<HTMLElement>('header button')?.focus();
      return;
    }
    const last = this.renderRoot.querySelector<HTMLElement>('shop-chat-input') ?? this.windowElement;
    last?.focus();
  }

  private toggle(): void {
    void (this.open ? this.hide() : this.show());
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      void this.hide();
    }
  }

  private switchLocale(): void {
    this.chosenLocale = this.localize.locale === 'ja' ? 'en' : 'ja';
    writePreference('local', LOCALE_KEY, this.chosenLocale);
    this.chat.connection.changeLocale();
  }

  private onSend(event: CustomEvent<{ text: string }>): void {
    this.chat.connection.send(event.detail.text);
  }

  private onQuickReply(event: CustomEvent<QuickReply>): void {
    this.chat.connection.send(event.detail.text, event.detail.intent);
    void this.updateComplete.then(() => this.focusComposer());
  }

  private onFeedback(event: CustomEvent<{ messageId: string; value: FeedbackValue }>): void {
    this.chat.connection.sendFeedback(event.detail.messageId, event.detail.value);
  }

  private onEmail(event: CustomEvent<{ email: string }>): void {
    // The server reads the address from an ordinary message (docs/protocol.md, Email handoff).
    this.chat.connection.send(event.detail.email);
    void this.updateComplete.then(() => this.focusComposer());
  }

  private renderBanner() {
    const banner = bannerOf(this.chat.connection);
    if (banner?.kind === 'unavailable') {
      const { email, phone, hours } = banner.contact;
      return html`<p class="banner unavailable" part="banner" role="alert">
        ${this.localize.term('unavailableBanner', email, phone, this.localize.locale === 'ja' ? hours.ja : hours.en)}
      </p>`;
    }
    if (banner?.kind === 'offline')
      return html`<p class="banner offline" part="banner" role="status">${this.localize.term('offlineBanner')}</p>`;
    if (banner?.kind === 'closed')
      return html`<p class="banner closed" part="banner" role="status">
        ${this.localize.term('closedBanner', this.localize.dateTime(banner.nextOpening))}
      </p>`;
    return nothing;
  }

  override render() {
    const locale = this.localize.locale;
    const connection = this.chat.connection;
    const seen = this.greeting.seen;
    const entries = seen ? [greetingEntry(seen), ...connection.entries] : connection.entries;
    const modal = this.open && this.layout.fullScreen;
    const guard = (to: 'first' | 'last') =>
      modal
        ? html`<span class="focus-guard" tabindex="0" aria-hidden="true" @focus=${() => this.wrapFocus(to)}></span>`
        : nothing;
    const request = emailRequest(entries);
    const status = connection.state;
    const statusText = this.localize.term(STATUS_TERMS[status]);
    const unavailable = status === 'unavailable';
    const other = locale === 'ja' ? 'en' : 'ja';
    return html`
      <div class="root" lang=${locale}>
        ${
          this.greeting.bubble !== null && !this.open
            ? html`<div class="greeting" part="greeting" role="status">
                <button type="button" class="greeting-text" @click=${this.show}>
                  <span class="greeting-body">${this.greeting.bubble}</span
                  ><span class="sr-only"> ${this.localize.term('greetingOpen')}</span>
                </button>
                <button
                  type="button"
                  class="greeting-close"
                  aria-label=${this.localize.term('greetingDismiss')}
                  @click=${() => this.greeting.dismiss()}
                >
                  ${closeIcon}
                </button>
              </div>`
            : nothing
        }
        <section
          class="window"
          part="window"
          role="dialog"
          aria-labelledby="title"
          aria-modal=${modal ? 'true' : nothing}
          tabindex="-1"
          ?hidden=${!this.open}
          @keydown=${this.onKeydown}
          @shop-chat-send=${this.onSend}
          @shop-chat-quick-reply=${this.onQuickReply}
          @shop-chat-feedback=${this.onFeedback}
          @shop-chat-email=${this.onEmail}
        >
          ${guard('last')}
          <header part="header">
            <div class="titles">
              <h2 id="title">${this.heading || this.localize.term('title')}</h2>
              <p class="status" data-state=${status}>
                <span class="dot" aria-hidden="true"></span>${statusText} · ${
                  // The shop's sign-in was verified: said instead of the subtitle, which a phone's header
                  // has no room for next to it.
                  this.localize.term(this.chat.connection.verified ? 'signedIn' : 'subtitle')
                }
              </p>
            </div>
            <button
              type="button"
              class="header-button locale"
              lang=${other}
              aria-label=${this.localize.term('switchLocale')}
              title=${this.localize.term('switchLocale')}
              @click=${this.switchLocale}
            >
              ${this.localize.term('switchLocaleShort')}
            </button>
            <button
              type="button"
              class="header-button close"
              aria-label=${this.localize.term('close')}
              title=${this.localize.term('close')}
              @click=${this.hide}
            >
              ${closeIcon}
            </button>
          </header>
          ${this.renderBanner()}
          <shop-chat-message-list
            class="messages"
            lang=${locale}
            exportparts="base: messages, typing, new-message, bubble, meta, quick-replies, quick-reply, feedback"
            .entries=${entries}
            ?waiting=${connection.waiting}
          ></shop-chat-message-list>
          ${
            request && !unavailable
              ? html`<shop-chat-email-form
                  lang=${locale}
                  exportparts="base: email-form"
                ></shop-chat-email-form>`
              : nothing
          }
          ${
            unavailable
              ? nothing
              : html`<shop-chat-input lang=${locale} exportparts="base: input, textarea, send-button, limit"></shop-chat-input>`
          }
          ${guard('first')}
        </section>
        <shop-chat-launcher
          class="launcher"
          lang=${locale}
          exportparts="base: launcher, badge"
          ?open=${this.open}
          .unread=${this.unread + connection.unreadStaff}
          @click=${this.toggle}
        ></shop-chat-launcher>
      </div>
    `;
  }
}
