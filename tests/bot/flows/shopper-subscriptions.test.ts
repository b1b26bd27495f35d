/**
 * The buttons that pick one of a verified shopper's subscriptions carry the shop's id in a form every
 * id survives and the chat protocol accepts (the demo's `demo-sub-taro-kurozu` was refused by the
 * message frame's intent pattern: found by the demo shop e2e).
 */
import { Value } from '@sinclair/typebox/value';
import { describe, expect, test } from 'vitest';
import { pickButtons, pickedId, pickIntent } from '../../../bot/flows/shopper-subscriptions.ts';
import { MessageFrame } from '../../../server/schemas/protocol.ts';
import { LOTION } from '../../helpers/shopper-fixtures.ts';

const IDS = [
  'demo-sub-taro-kurozu',
  'SUB_0012',
  'sub/2026:01',
  '定期便#12 A',
  '100%-off',
  'x'.repeat(200),
  '定'.repeat(200),
];

describe('pick buttons', () => {
  test.each(IDS)('round-trips the id %s through a message frame the server accepts', (id) => {
    const [button] = pickButtons([{ ...LOTION, id }]);
    expect(button!.intent).toBe(pickIntent(id));
    const frame = { type: 'message', text: LOTION.productName, seq: 2, intent: button!.intent };
    expect(Value.Check(MessageFrame, frame)).toBe(true);
    expect(pickedId(button!.intent)).toBe(id);
  });

  test('a readable id stays readable', () => {
    expect(pickIntent('demo-sub-taro-kurozu')).toBe('flow.shopper.pick.demo-sub-taro-kurozu');
  });

  test('anything but a decodable pick is no id', () => {
    expect(pickedId(undefined)).toBeUndefined();
    expect(pickedId('flow.cancel.proceed')).toBeUndefined();
    expect(pickedId('flow.shopper.pick.%E0%A4%A')).toBeUndefined();
  });
});
