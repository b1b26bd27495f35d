/**
 * The demo shop's "My Page" (マイページ): the signed-in demo customer's subscriptions as they are now,
 * so a change made in the chat can be seen on the shop's side. Plain server-rendered HTML; every value
 * is escaped.
 */
import type { Subscription } from '../../bot/shop/shop-data.ts';
import type { DemoCustomer } from './demo-data.ts';

const STATUS: Record<Subscription['status'], string> = {
  active: 'お届け中',
  paused: '一時停止中',
  cancelled: '解約済み',
};
const UNIT: Record<Subscription['interval']['unit'], string> = { day: '日', week: '週間', month: 'ヶ月' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page for a signed-in customer, or the sign-in hint when `customer` is undefined. */
export function renderMyPage(customer: DemoCustomer | undefined, subscriptions: Subscription[]): string {
  const body = customer
    ? `<h1>${escapeHtml(customer.name)} 様のマイページ</h1>
<p class="id">お客様ID: <code>${escapeHtml(customer.id)}</code></p>
<h2>定期便</h2>
${subscriptions.map(row).join('\n')}`
    : `<h1>マイページ</h1><p>デモのお客様としてサインインしていません。<a href="/">デモページ</a>の「デモのお客様としてサインイン」からどうぞ。</p>`;
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>マイページ（デモ）</title>
<style>
  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; margin: 0 auto; max-width: 40rem; padding: 1.5rem 1rem; line-height: 1.7; }
  .sub { border: 1px solid #ccc; border-radius: 10px; padding: .75rem 1rem; margin: .75rem 0; }
  .sub h3 { margin: 0 0 .25rem; font-size: 1rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem 1rem; margin: 0; }
  dt { color: #666; }
  dd { margin: 0; }
  h1 { font-size: 1.4rem; line-height: 1.4; }
  .id { color: #666; font-size: .9rem; }
</style>
</head>
<body>
${body}
<p><a href="/">← デモページへ戻る</a></p>
</body>
</html>`;
}

function row(s: Subscription): string {
  return `<section class="sub" data-subscription-id="${escapeHtml(s.id)}">
<h3>${escapeHtml(s.productName)} × ${s.quantity}</h3>
<dl>
<dt>状態</dt><dd data-field="status">${STATUS[s.status]}</dd>
<dt>お届け間隔</dt><dd data-field="interval">${s.interval.count}${UNIT[s.interval.unit]}ごと</dd>
<dt>次回お届け日</dt><dd data-field="next-delivery">${s.nextDeliveryDate ?? '—'}</dd>
<dt>変更締切日</dt><dd>${s.changeDeadline ?? '—'}</dd>
<dt>お届け回数</dt><dd>${s.deliveriesReceived}回${s.minimumDeliveries === undefined ? '' : `（最低${s.minimumDeliveries}回）`}</dd>
</dl>
</section>`;
}
