/**
 * A defective or wrong item: apologise, take the order number and what is wrong, promise that the
 * replacement goes out first (nothing has to be sent back first; a photo is optional), then hand off
 * with the case filled in (the promise is said only once the case is recorded). A shopper who does not
 * know the order number is not stopped. Pure.
 */
import { type Static, Type } from '@sinclair/typebox';
import { orderNumberIn } from '../entities/slot-values.ts';
import { messageTable } from '../i18n/message-table.ts';
import { defectMessages, type DefectMessageKey as MessageKey } from './defect-messages.ts';
import { defineFlow, type FlowInput, type FlowStep, flowButton, onOffSetting } from './flow.ts';

const message = messageTable(defectMessages);

/** The dialogue state. */
export const DefectStateSchema = Type.Object({
  name: Type.Literal('defect'),
  /** `order`: waiting for the order number; `problem`: waiting for what is wrong. */
  step: Type.Union([Type.Literal('order'), Type.Literal('problem')]),
  /** The order number, or null when the shopper does not know it. */
  orderNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
/** The dialogue state. */
export type DefectState = Static<typeof DefectStateSchema>;

/** Button intents. */
export const DEFECT_UNKNOWN_ORDER = 'flow.defect.unknown_order';
const PROBLEM_INTENT = 'flow.defect.problem.';
const PROBLEMS: Record<string, MessageKey> = {
  damaged: 'defectDamaged',
  wrong: 'defectWrongItem',
  missing: 'defectMissing',
  other: 'defectOther',
};

function askProblem(input: FlowInput, orderNumber: string | null, thanks: boolean): FlowStep<DefectState> {
  const ask = message(input.locale, 'defectAskProblem');
  return {
    kind: 'ask',
    state: { name: 'defect', step: 'problem', orderNumber },
    markdown: thanks ? ask : `${message(input.locale, 'defectApology').split(/(?<=[。.!])\s*/u)[0]} ${ask}`,
    quickReplies: Object.entries(PROBLEMS).map(([id, key]) =>
      flowButton(message(input.locale, key), `${PROBLEM_INTENT}${id}`),
    ),
  };
}

/** The defect-intake flow. */
export const defectFlow = defineFlow({
  name: 'defect',
  configKey: 'defect',
  settingsSchema: onOffSetting('Defect intake: order number, problem, handoff.'),
  stateSchema: DefectStateSchema,
  isOn: (on) => on,
  intents: ['returns.defective'],
  messages: defectMessages,
  start(input): FlowStep<DefectState> {
    const order = orderNumberIn(input.text, input.settings.orderNumberPattern);
    if (order) return askProblem(input, order, false);
    return {
      kind: 'ask',
      state: { name: 'defect', step: 'order' },
      markdown: message(input.locale, 'defectApology'),
      quickReplies: [flowButton(message(input.locale, 'defectUnknownOrder'), DEFECT_UNKNOWN_ORDER)],
    };
  },
  next(input, state, strict) {
    if (state.step === 'order') {
      if (input.chosen === DEFECT_UNKNOWN_ORDER) return askProblem(input, null, true);
      const order = orderNumberIn(input.text, input.settings.orderNumberPattern);
      if (order) return askProblem(input, order, true);
      // Staff can find the order from the email address: never stop the report for a missing number.
      return strict ? undefined : askProblem(input, null, true);
    }
    const chosen = input.chosen?.startsWith(PROBLEM_INTENT)
      ? PROBLEMS[input.chosen.slice(PROBLEM_INTENT.length)]
      : undefined;
    if (!chosen && strict) return undefined;
    const problem = chosen ? message(input.locale, chosen) : input.text.trim();
    return {
      kind: 'handoff',
      reason: 'defect-report',
      lead: message(input.locale, 'defectPromise'),
      summary: message(input.locale, 'defectCase', {
        order: state.orderNumber ?? message(input.locale, 'defectOrderUnknown'),
        problem,
      }),
    };
  },
});
