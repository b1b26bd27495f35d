import { Value } from '@sinclair/typebox/value';
import { describe, expect, test } from 'vitest';
import {
  bindFlows,
  DialogueStateSchema,
  enabledFlows,
  FLOWS,
  type FlowsConfig,
  FlowsConfigSchema,
  handoffDialogue,
  runningFlow,
  runningHandoff,
} from '../../../bot/flows/registry.ts';
import { WAITING_HANDOFF } from '../handoff/fixtures.ts';
import { FLOW_FACTS } from './flow-facts.ts';

const FACTS = FLOW_FACTS;

/** The `flows` part of a shop.yaml that says nothing about flows, defaults applied. */
function defaults(): FlowsConfig {
  return Value.Parse(FlowsConfigSchema, {});
}

describe('FLOWS', () => {
  test('names each flow and config key once, and gives each intent one flow that takes every line', () => {
    const names = FLOWS.map((f) => f.name);
    const keys = FLOWS.map((f) => f.configKey);
    // A flow that declines some lines (`accepts`, the verified shopper's) shares its intents with the
    // flow after it; among the flows that take every line, an intent starts one flow only.
    const intents = FLOWS.filter((f) => !('accepts' in f) || f.accepts === undefined).flatMap((f) => [
      ...f.intents,
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(intents).size).toBe(intents.length);
  });

  test('puts a flow that declines lines before every other flow with the same intent', () => {
    FLOWS.forEach((flow, i) => {
      if (!('accepts' in flow) || flow.accepts === undefined) return;
      for (const later of FLOWS.slice(0, i)) {
        for (const intent of flow.intents)
          expect(later.intents, `${flow.name} ${intent}`).not.toContain(intent);
      }
    });
  });

  test.each([...FLOWS, handoffDialogue].map((flow) => [flow.name, flow] as const))(
    '%s says every sentence in ja and en',
    (_, flow) => {
      const ja = Object.keys(flow.messages.ja).sort();
      expect(Object.keys(flow.messages.en).sort()).toEqual(ja);
      for (const key of ja) {
        expect(flow.messages.ja[key]?.trim()).not.toBe('');
        expect(flow.messages.en[key]?.trim()).not.toBe('');
      }
    },
  );
});

describe('the handoff dialogue beside the flows', () => {
  const handoff = WAITING_HANDOFF;
  const flow = { name: 'defect', step: 'problem', orderNumber: null } as const;

  test('has a name no flow has, so a stored state says which dialogue it belongs to', () => {
    expect(FLOWS.map((f) => f.name)).not.toContain(handoffDialogue.name);
  });

  test("keeps its state where the flows keep theirs, each checked against its dialogue's schema", () => {
    expect(Value.Check(DialogueStateSchema, handoff)).toBe(true);
    expect(Value.Check(DialogueStateSchema, flow)).toBe(true);
    expect(Value.Check(DialogueStateSchema, { ...handoff, step: 'defect' })).toBe(false);
  });

  test('tells a running flow from the running handoff dialogue', () => {
    expect(runningFlow(flow)).toBe(flow);
    expect(runningFlow(handoff)).toBeUndefined();
    expect(runningHandoff(handoff)).toBe(handoff);
    expect(runningHandoff(flow)).toBeUndefined();
    expect(runningFlow(undefined)).toBeUndefined();
  });
});

describe('FlowsConfigSchema', () => {
  test('has one entry per flow, under its config key', () => {
    expect(Object.keys(FlowsConfigSchema.properties ?? {}).sort()).toEqual(
      FLOWS.map((f) => f.configKey).sort(),
    );
  });

  test('switches every on/off flow on when shop.yaml says nothing', () => {
    const config = defaults();
    expect(Value.Check(FlowsConfigSchema, config)).toBe(true);
    expect(config).toMatchObject({ cancellation: true, shippingDate: true, defect: true, sizing: true });
  });

  test('rejects a key no flow has', () => {
    expect(Value.Check(FlowsConfigSchema, { ...defaults(), giftWrap: true })).toBe(false);
  });
});

describe('enabledFlows', () => {
  test('runs every flow whose switch is on', () => {
    expect(enabledFlows(defaults(), FACTS)).toMatchObject({
      cancellation: true,
      'shipping-date': true,
      defect: true,
      sizing: true,
      subscription: true,
    });
  });

  test('keeps a flow the shop switched off from running', () => {
    expect(enabledFlows({ ...defaults(), shippingDate: false }, FACTS)['shipping-date']).toBe(false);
  });

  test('keeps the sizing flow off without a size table, whatever its switch says', () => {
    const { sizing: _, ...withoutTable } = FACTS;
    expect(enabledFlows(defaults(), withoutTable).sizing).toBe(false);
  });
});

describe('bindFlows', () => {
  const line = { text: '', chosen: undefined, locale: 'ja' as const, now: new Date(0), settings: FACTS };

  test('binds every flow by its name', () => {
    expect(Object.keys(bindFlows()).sort()).toEqual(FLOWS.map((f) => f.name).sort());
  });

  test("reads no other flow's state (a stored state of another flow leaves the dialogue)", () => {
    const defect = bindFlows().defect;
    expect(defect?.next(line, { name: 'cancellation', step: 'reason' }, false)).toBeUndefined();
  });

  test('reads no state that no longer fits its schema', () => {
    const cancellation = bindFlows().cancellation;
    expect(cancellation?.next(line, { name: 'cancellation', step: 'gone' }, false)).toBeUndefined();
    expect(cancellation?.next(line, { name: 'cancellation', step: 'reason' }, false)?.kind).toBe('ask');
  });
});
