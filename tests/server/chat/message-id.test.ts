import { describe, expect, it } from 'vitest';
import { newMessageId } from '../../../server/chat/message-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newMessageId', () => {
  it('gives version-7 UUIDs that sort in the order they were made, within one millisecond too', () => {
    const ids = Array.from({ length: 2000 }, () => newMessageId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps enough randomness that ids made in the same millisecond do not follow one another', () => {
    const [a, b] = [newMessageId(), newMessageId()];
    // The last 12 hex digits are random, not a counter.
    expect(Number.parseInt(b!.slice(-12), 16) - Number.parseInt(a!.slice(-12), 16)).not.toBe(1);
  });
});

describe('newMessageId across draws of its random pool', () => {
  it('never repeats an id or its random part over many pool refills', () => {
    const ids = Array.from({ length: 5000 }, () => newMessageId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
