/**
 * LINE account linking end to end with the demo shop (docs/line.md#account-linking): the real app on a
 * loopback port, its LINE channel pointed at the stand-in platform, the link followed over HTTP as a
 * phone's browser would (the bot's link page → the demo shop's sign-in → the form back to the bot → the
 * stand-in's account-link dialog, which sends the signed accountLink event). Then the linked LINE user
 * asks for their next delivery and gets the demo customer's real date, and skips it in the demo shop;
 * after unlinking, they get the general answer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatShopDate } from '../../../../bot/flows/shopper-subscriptions.ts';
import {
  type LineAccountLinkSetup,
  startLineAccountLinkSetup,
} from '../../../helpers/line-account-link-setup.ts';
import {
  type LinePlatformStandIn,
  linkUrisOf,
  postbackEvent,
  postWebhook,
  quickRepliesOf,
  textEvent,
} from '../../../helpers/line-platform-stand-in.ts';
import type { BuiltTestApp } from '../../../helpers/test-app.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

const USER = 'U0000000000000000000000000000e2e1';
const CUSTOMER = 'demo-hanako';

let setup: LineAccountLinkSetup | undefined;
let platform: LinePlatformStandIn;
let app: BuiltTestApp;
let appUrl = '';

/** Sends `events` and waits until every event of USER is settled; the texts sent to USER since `from`. */
async function exchange(
  events: object[],
): Promise<{ texts: string[]; calls: ReturnType<LinePlatformStandIn['delivered']> }> {
  const from = platform.delivered(USER).length;
  expect((await postWebhook(appUrl, events)).status).toBe(200);
  await waitFor(async () => {
    const all = await app.fastify.lineChannel!.inbox.list({ lineUserId: USER });
    return all.every((e) => e.state !== 'pending') && platform.delivered(USER).length > from
      ? true
      : undefined;
  }, 'the events answered');
  const calls = platform.delivered(USER).slice(from);
  return { texts: calls.flatMap((c) => c.texts), calls };
}

/** The hidden inputs of the first form in `html`, and its action. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/u.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/gu)) {
    fields[match[1]!] = match[2]!.replaceAll('&amp;', '&');
  }
  return { action, fields };
}

async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

beforeAll(async () => {
  setup = await startLineAccountLinkSetup();
  ({ platform, app, appUrl } = setup);
});

afterAll(async () => {
  await setup?.close();
});

describe('LINE account linking with the demo shop', () => {
  test('link, ask for the next delivery, skip it, unlink, ask again', async () => {
    // 「アカウント連携」 → a buttons message whose button opens the bot's link page.
    const offer = await exchange([textEvent(platform, USER, 'アカウント連携')]);
    const [linkUrl] = offer.calls.flatMap(linkUrisOf);
    expect(linkUrl).toMatch(new RegExp(`^${appUrl}/line/link\\?linkToken=`, 'u'));

    // The bot's page sends the browser to the demo shop's sign-in with the link token.
    const toLogin = await fetch(linkUrl!, { redirect: 'manual' });
    expect(toLogin.status).toBe(302);
    const loginUrl = toLogin.headers.get('location')!;
    expect(loginUrl).toContain(`${appUrl}/demo-shop/line-link?linkToken=`);

    // The demo sign-in: choose a customer; the answer posts the link token and the shopper token back.
    const login = await fetch(loginUrl);
    const loginForm = formOf(await login.text());
    const signedIn = await postForm(`${appUrl}/demo-shop/line-link`, {
      ...loginForm.fields,
      customerId: CUSTOMER,
    });
    const back = formOf(await signedIn.text());
    expect(back.action).toBe('/line/link/complete');
    expect(Object.keys(back.fields).sort()).toEqual(['linkToken', 'shopper']);

    // The bot verifies the token and sends the browser to LINE's account-link dialog with a nonce.
    const toDialog = await postForm(`${appUrl}${back.action}`, back.fields);
    expect(toDialog.status).toBe(302);
    const dialog = new URL(toDialog.headers.get('location')!);
    expect(`${dialog.origin}${dialog.pathname}`).toBe(`${platform.url}/dialog/bot/accountLink`);
    expect(dialog.searchParams.get('nonce')!.length).toBeGreaterThanOrEqual(10);

    // The dialog sends the accountLink event; the bot links and says so.
    const from = platform.delivered(USER).length;
    expect((await fetch(dialog)).status).toBe(200);
    await waitFor(
      async () => (platform.delivered(USER).length > from ? true : undefined),
      'the link answered',
    );
    expect(
      platform
        .delivered(USER)
        .slice(from)
        .flatMap((c) => c.texts)[0],
    ).toContain('連携が完了しました');
    expect((await app.fastify.lineChannel!.users.find(USER))?.linked?.customerId).toBe(CUSTOMER);

    // The linked user's next delivery: the demo customer's real date.
    const subscriptions = await app.fastify.shopConnector!.subscriptions(CUSTOMER);
    if (!subscriptions.ok) throw new Error('the demo connector did not answer');
    const next = subscriptions.value.find((s) => s.status === 'active' && s.nextDeliveryDate)!;
    const date = formatShopDate(next.nextDeliveryDate!, 'ja');
    const linked = await exchange([textEvent(platform, USER, '次のお届けはいつ？')]);
    expect(linked.texts.join('\n')).toContain(date);
    expect(linked.texts.join('\n')).toContain(next.productName);

    // A change, as a verified widget shopper makes it: the skip is carried out in the demo shop.
    const skip = await exchange([textEvent(platform, USER, '次回をスキップしたい')]);
    const confirm = quickRepliesOf(skip.calls[0]!).find((b) => b.label === '手続きする')!;
    const skipped = await exchange([postbackEvent(platform, USER, confirm.data)]);
    expect(skipped.texts[0]).toContain('手続きが完了しました');
    const after = await app.fastify.shopConnector!.subscriptions(CUSTOMER);
    if (!after.ok) throw new Error('the demo connector did not answer');
    const moved = after.value.find((s) => s.id === next.id)!.nextDeliveryDate!;
    expect(moved > next.nextDeliveryDate!).toBe(true);
    expect(skipped.texts[0]).toContain(formatShopDate(moved, 'ja'));

    // 「連携解除」 → a question with two buttons; 解除する unlinks.
    const question = await exchange([textEvent(platform, USER, '連携解除')]);
    const buttons = quickRepliesOf(question.calls[0]!);
    expect(buttons.map((b) => b.label)).toEqual(['解除する', 'やめる']);
    const unlinked = await exchange([postbackEvent(platform, USER, buttons[0]!.data)]);
    expect(unlinked.texts[0]).toContain('連携を解除しました');
    expect((await app.fastify.lineChannel!.users.find(USER))?.linked).toBeUndefined();

    // Asked again: the general answer (My Page), not the customer's date, and the link offered again.
    const anonymous = await exchange([textEvent(platform, USER, '次のお届けはいつ？')]);
    expect(anonymous.texts.join('\n')).not.toContain(date);
    expect(anonymous.texts.join('\n')).toContain('マイページ');
    expect(anonymous.calls.flatMap(linkUrisOf)).toHaveLength(1);
  });
});
