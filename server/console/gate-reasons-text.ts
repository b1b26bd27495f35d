/** The publish gate's reasons (bot/nlu/publish-gate.ts) as English, for logs and API messages. */
import type { GateMeasure, GateReason } from '../../bot/nlu/publish-gate.ts';

const MEASURES: Record<GateMeasure, string> = {
  'in-scope-accuracy': 'in-scope accuracy',
  'out-of-scope-recall': 'out-of-scope recall',
  'cross-validation-accuracy': 'cross-validation accuracy',
};

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/**
 * The gate's reasons in English, for the error's message (logs, and a console that does not know a
 * code); the console words the reasons from their codes.
 */
export function describeReasons(reasons: readonly GateReason[]): string {
  return reasons.map(describeReason).join('; ');
}

function describeReason(reason: GateReason): string {
  switch (reason.code) {
    case 'PUBLISH_GATE_INTENT_REMOVED':
      return `${reason.locale}: ${reason.intent} is removed but answered ${reason.messages} shopper messages recently`;
    case 'PUBLISH_GATE_LOCALE_MISSING':
      return `${reason.locale}: the new model has no ${reason.locale} model`;
    case 'PUBLISH_GATE_SCORE_DROPPED':
      return `${reason.locale} ${MEASURES[reason.measure]} ${percent(reason.live)} → ${percent(reason.candidate)}`;
  }
}
