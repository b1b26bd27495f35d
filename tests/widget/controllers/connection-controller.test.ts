import { afterEach, describe, expect, test, vi } from 'vitest';
import { chatAccessUrl, chatSocketUrl } from '../../../widget/controllers/connection-controller.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('chatSocketUrl', () => {
  test.each([
    { name: 'https becomes wss', server: 'https://bot.example', url: 'wss://bot.example/chat' },
    { name: 'http becomes ws', server: 'http://localhost:3000', url: 'ws://localhost:3000/chat' },
    {
      name: 'a trailing slash is not doubled',
      server: 'https://bot.example/',
      url: 'wss://bot.example/chat',
    },
    {
      name: 'a path prefix is kept',
      server: 'https://shop.example/support',
      url: 'wss://shop.example/support/chat',
    },
  ])('$name', ({ server, url }) => {
    expect(chatSocketUrl(server)).toBe(url);
  });

  test("no server: the page's own origin", () => {
    vi.stubGlobal('window', { location: { origin: 'https://shop.example' } });
    expect(chatSocketUrl('')).toBe('wss://shop.example/chat');
  });
});

describe('chatAccessUrl', () => {
  test('asks the same server over HTTP', () => {
    expect(chatAccessUrl('https://shop.example/support')).toBe('https://shop.example/support/chat/access');
  });

  test("no server: the page's own origin", () => {
    vi.stubGlobal('window', { location: { origin: 'http://localhost:3000' } });
    expect(chatAccessUrl('')).toBe('http://localhost:3000/chat/access');
  });
});
