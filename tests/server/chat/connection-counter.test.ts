import { describe, expect, test } from 'vitest';
import { ConnectionCounter } from '../../../server/chat/connection-counter.ts';

describe('ConnectionCounter', () => {
  test('caps each key on its own and frees a slot once per release', () => {
    const counter = new ConnectionCounter(2);
    const first = counter.acquire('203.0.113.1');
    expect(counter.acquire('203.0.113.1')).toBeTypeOf('function');
    expect(counter.acquire('203.0.113.1')).toBeUndefined();
    expect(counter.acquire('203.0.113.2')).toBeTypeOf('function');
    first!();
    first!();
    expect(counter.count('203.0.113.1')).toBe(1);
    expect(counter.acquire('203.0.113.1')).toBeTypeOf('function');
    expect(counter.acquire('203.0.113.1')).toBeUndefined();
  });
});
