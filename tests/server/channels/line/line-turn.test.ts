/**
 * Answering one LINE event (server/channels/line/line-turn.ts) under the per-client limits: a LINE user
 * is one client, as a widget's address is, so one user's flood is refused politely without reaching the
 * bot, and another user is not held back by it.
 */

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { message } from '../../../../bot/i18n/messages.ts';
import {
  LinePlatformStandIn,
  lineEnv,
  postWebhook,
  textEvent,
} from '../../../helpers/line-platform-stand-in.ts';
import { startTestApp, type TestApp } from '../../../helpers/test-app.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

let platform: LinePlatformStandIn;
let app: TestApp;

beforeAll(async () => {
  platform = await new LinePlatformStandIn().start();
  app = await startTestApp({
    env: { ...lineEnv(platform), CLIENT_MESSAGES_PER_MINUTE: '1', CLIENT_MESSAGES_BURST: '2' },
  });
});

afterAll(async () => {
  await app.close();
  await platform.stop();
});

describe('answering a LINE event', () => {
  test('a LINE user over the message limit is told so, the bot is not asked, another user is answered', async () => {
    const flooder = 'U0000000000000000000000000flood01';
    const other = 'U0000000000000000000000000other01';
    await postWebhook(
      app.url,
      ['送料はいくら', '送料はいくら', '送料はいくら'].map((q) => textEvent(platform, flooder, q)),
    );
    await postWebhook(app.url, [textEvent(platform, other, '送料はいくら')]);
    await waitFor(() => platform.delivered().length === 4, 'four answers');
    const texts = platform.delivered(flooder).map((c) => c.texts[0]);
    expect(texts.slice(0, 2).every((t) => t?.startsWith('送料は'))).toBe(true);
    expect(texts[2]).toBe(message('ja', 'errorClientRateLimited'));
    expect(platform.delivered(other)[0]?.texts[0]).toMatch(/^送料は/u);
  });
});
