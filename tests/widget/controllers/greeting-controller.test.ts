import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { GreetingController, type GreetingHost } from '../../../widget/controllers/greeting-controller.ts';
import { MemoryStore, setup, TOKEN, welcome } from '../../helpers/widget-chat.ts';

/** A widget with its window open or closed, counting renders. */
function host(open = false) {
  const h = {
    open,
    updates: 0,
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => {
      h.updates += 1;
    },
    updateComplete: Promise.resolve(true),
  } satisfies GreetingHost & { updates: number };
  return h;
}

/** A greeting controller over a fake connection; `welcomeWith` opens the socket and welcomes with a greeting. */
function greeting(widget = host()) {
  let controller: GreetingController | undefined;
  const chat = setup({ onWelcome: () => controller?.welcomed() });
  controller = new GreetingController(
    widget,
    () => chat.connection,
    () => chat.connection.start(),
  );
  const welcomeWith = (text: string | null) => {
    chat.last().open();
    chat.last().receive(welcome({ token: TOKEN, greeting: text }));
  };
  return { controller, chat, widget, welcomeWith };
}

let local: MemoryStore;
beforeEach(() => {
  vi.useFakeTimers();
  local = new MemoryStore();
  vi.stubGlobal('localStorage', local);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('GreetingController', () => {
  test("after the delay, starts the conversation and shows the bot's greeting from its welcome", () => {
    const { controller, chat, welcomeWith } = greeting();
    controller.schedule(4000);
    vi.advanceTimersByTime(3999);
    expect(chat.sockets).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(chat.sockets).toHaveLength(1);
    welcomeWith('こんばんは。');
    expect(controller.bubble).toBe('こんばんは。');
    expect(local.getItem('shop-chat:greeted')).toBe('1');
  });

  test('shows no bubble when the bot does not greet', () => {
    const { controller, welcomeWith } = greeting();
    controller.schedule(0);
    vi.advanceTimersByTime(0);
    welcomeWith(null);
    expect(controller.bubble).toBeNull();
  });

  test('a device greeted once is never greeted again', () => {
    local.setItem('shop-chat:greeted', '1');
    const { controller, chat } = greeting();
    controller.schedule(0);
    vi.advanceTimersByTime(10_000);
    expect(chat.sockets).toHaveLength(0);
  });

  test('a negative delay never greets', () => {
    const { controller, chat } = greeting();
    controller.schedule(-1);
    vi.advanceTimersByTime(10_000);
    expect(chat.sockets).toHaveLength(0);
  });

  test("opening the window keeps the bubble's words for the transcript and cancels a pending greeting", () => {
    const { controller, welcomeWith } = greeting();
    controller.schedule(0);
    vi.advanceTimersByTime(0);
    welcomeWith('こんにちは。');
    controller.opened();
    expect([controller.bubble, controller.seen]).toEqual([null, 'こんにちは。']);

    const later = greeting();
    later.controller.schedule(1000);
    later.controller.opened();
    vi.advanceTimersByTime(1000);
    expect(later.chat.sockets).toHaveLength(0);
  });

  test('dismissing hides the bubble and tells the server', () => {
    const { controller, chat, widget, welcomeWith } = greeting();
    controller.schedule(0);
    vi.advanceTimersByTime(0);
    welcomeWith('こんにちは。');
    const renders = widget.updates;
    controller.dismiss();
    expect(controller.bubble).toBeNull();
    expect(widget.updates).toBeGreaterThan(renders);
    expect(chat.last().sent.at(-1)).toEqual({ type: 'greeting-dismissed' });
  });

  test('no greeting while the window is open', () => {
    const { controller, chat } = greeting(host(true));
    controller.schedule(0);
    vi.advanceTimersByTime(0);
    expect(chat.sockets).toHaveLength(0);
  });
});
