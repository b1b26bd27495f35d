/**
 * The demo shop's subscription rules: interval arithmetic, a passed delivery rolling forward (so "next
 * delivery" stays in the future), the deadline closing skip and date changes, and each change's effect.
 */
import { describe, expect, test } from 'vitest';
import {
  addInterval,
  applyChange,
  type DemoSubscription,
  toContract,
} from '../../../server/demo-shop/subscription-rules.ts';

const monthly: DemoSubscription = {
  id: 's1',
  productName: '青汁',
  quantity: 1,
  interval: { unit: 'month', count: 1 },
  status: 'active',
  nextDeliveryDate: '2026-12-13',
  deliveriesReceived: 2,
};

describe('demo subscription rules', () => {
  test.each([
    { from: '2026-01-31', interval: { unit: 'month', count: 1 }, to: '2026-02-28' },
    { from: '2026-12-13', interval: { unit: 'month', count: 2 }, to: '2027-02-13' },
    { from: '2026-12-30', interval: { unit: 'week', count: 1 }, to: '2027-01-06' },
    { from: '2026-12-03', interval: { unit: 'day', count: 45 }, to: '2027-01-17' },
  ] as const)('adds $interval.count $interval.unit to $from', ({ from, interval, to }) => {
    expect(addInterval(from, interval)).toBe(to);
  });

  test('rolls a passed delivery forward and counts it as received', () => {
    const later = toContract(monthly, '2027-01-20');
    expect(later.nextDeliveryDate).toBe('2027-02-13');
    expect(later.deliveriesReceived).toBe(4);
  });

  test('closes skip and date changes after the deadline, three days before the delivery', () => {
    expect(toContract(monthly, '2026-12-10').allowedChanges).toContain('skip');
    expect(toContract(monthly, '2026-12-11').allowedChanges).toEqual(['interval', 'pause', 'cancel']);
  });

  test('skips the next delivery by one interval', () => {
    expect(applyChange(monthly, { kind: 'skip' }, '2026-12-03')).toMatchObject({
      ok: true,
      subscription: { nextDeliveryDate: '2027-01-13' },
    });
  });

  test('refuses a next date inside the deadline or too far away with 422', () => {
    for (const date of ['2026-12-05', '2027-06-01']) {
      expect(applyChange(monthly, { kind: 'next_date', date }, '2026-12-03')).toMatchObject({
        ok: false,
        refusal: { status: 422 },
      });
    }
  });

  test.each([
    { name: 'zero months', interval: { unit: 'month', count: 0 } },
    { name: 'half a week', interval: { unit: 'week', count: 0.5 } },
    { name: 'two years', interval: { unit: 'month', count: 24 } },
  ] as const)('refuses an interval of $name with 422', ({ interval }) => {
    expect(applyChange(monthly, { kind: 'interval', interval }, '2026-12-03')).toMatchObject({
      ok: false,
      refusal: { status: 422, code: 'DEMO_SHOP_ERR_BAD_INTERVAL' },
    });
  });

  test('changes the interval and keeps the next date', () => {
    expect(
      applyChange(monthly, { kind: 'interval', interval: { unit: 'month', count: 2 } }, '2026-12-03'),
    ).toMatchObject({
      ok: true,
      subscription: { interval: { unit: 'month', count: 2 }, nextDeliveryDate: '2026-12-13' },
    });
  });

  test('pauses, and resumes a week after today', () => {
    const paused = applyChange(monthly, { kind: 'pause' }, '2026-12-03');
    expect(paused).toMatchObject({ ok: true, subscription: { status: 'paused', nextDeliveryDate: null } });
    if (!paused.ok) return;
    expect(applyChange(paused.subscription, { kind: 'resume' }, '2026-12-03')).toMatchObject({
      ok: true,
      subscription: { status: 'active', nextDeliveryDate: '2026-12-10' },
    });
  });

  test('refuses any change to a cancelled subscription with 409', () => {
    const cancelled = { ...monthly, status: 'cancelled' as const, nextDeliveryDate: null };
    expect(applyChange(cancelled, { kind: 'resume' }, '2026-12-03')).toMatchObject({
      ok: false,
      refusal: { status: 409 },
    });
  });
});
