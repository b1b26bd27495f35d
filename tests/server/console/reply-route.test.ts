/** Where an operator's reply goes: the conversation's channel, mail, or a refusal. */
import { describe, expect, test } from 'vitest';
import { replyRoute } from '../../../server/console/reply-route.ts';

describe('replyRoute', () => {
  test.each([
    {
      name: 'widget, no choice: the widget',
      requested: undefined,
      channel: 'web',
      chat: true,
      email: true,
      route: { via: 'web', fallback: false },
    },
    {
      name: 'LINE user who follows, chat: a push',
      requested: 'chat',
      channel: 'line',
      chat: true,
      email: true,
      route: { via: 'line', fallback: false },
    },
    {
      name: 'mail chosen: mail even when the chat reaches',
      requested: 'mail',
      channel: 'web',
      chat: true,
      email: true,
      route: { via: 'mail', fallback: false },
    },
    {
      name: 'LINE user who unfollowed, chat: mail instead',
      requested: 'chat',
      channel: 'line',
      chat: false,
      email: true,
      route: { via: 'mail', fallback: true },
    },
    {
      name: 'LINE user who unfollowed, no choice: mail instead',
      requested: undefined,
      channel: 'line',
      chat: false,
      email: true,
      route: { via: 'mail', fallback: true },
    },
    {
      name: 'unreachable and no address: refused',
      requested: 'chat',
      channel: 'line',
      chat: false,
      email: false,
      route: { refused: 'CONSOLE_ERR_SHOPPER_UNREACHABLE' },
    },
    {
      name: 'mail chosen without an address: refused',
      requested: 'mail',
      channel: 'web',
      chat: true,
      email: false,
      route: { refused: 'CONSOLE_ERR_SHOPPER_UNREACHABLE' },
    },
  ] as const)('$name', ({ requested, channel, chat, email, route }) => {
    expect(replyRoute({ requested, channel, chatReachable: chat, hasEmail: email })).toEqual(route);
  });
});
