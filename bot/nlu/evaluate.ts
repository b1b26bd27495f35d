/**
 * Evaluation metrics with the product's definition of correct: an in-scope example is correct only when
 * the decision is `answer` with its intent; an out-of-scope example (`none`) is correct when the decision
 * is anything but `answer`.
 */
import type { NluDecision } from './decide.ts';
import type { IntentEngine } from './intent-engine.ts';
import { type Locale, NONE_INTENT, type TrainingExample } from './types.ts';

/** Per-intent figures. */
export interface IntentReport {
  total: number;
  correct: number;
  accuracy: number;
  /** How often this intent's examples were answered as another intent. */
  wrongAnswers: number;
  clarified: number;
  refused: number;
}

/** The report `npm run eval -- --json` prints. */
export interface EvaluationReport {
  examples: number;
  inScope: { total: number; correct: number; accuracy: number };
  outOfScope: { total: number; correct: number; recall: number };
  /** Share of all examples that got a clarify. */
  clarifyRate: number;
  perIntent: Record<string, IntentReport>;
  /** Expected → what was decided (intent answered, `clarify` or `none`), most frequent first. */
  confusions: { expected: string; predicted: string; count: number }[];
  /** Every miss, for people reading the table. */
  misses: { text: string; expected: string; decision: string; intent: string | null; score: number }[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);

/** One example and the decision the engine made on it. */
export interface DecidedExample {
  example: TrainingExample;
  decision: NluDecision;
}

/** Runs every example through the engine and scores the decisions. */
export function evaluate(
  engine: IntentEngine,
  examples: readonly TrainingExample[],
  locale: Locale,
): EvaluationReport {
  return scoreDecisions(
    examples.map((example) => ({ example, decision: engine.predict(example.text, locale).decision })),
  );
}

/** Scores decisions already made (cross-validation gathers them from several models). */
export function scoreDecisions(rows: readonly DecidedExample[]): EvaluationReport {
  const perIntent: Record<string, IntentReport> = {};
  const confusions = new Map<string, number>();
  const misses: EvaluationReport['misses'] = [];
  let inTotal = 0;
  let inCorrect = 0;
  let outTotal = 0;
  let outCorrect = 0;
  let clarified = 0;
  for (const { example, decision } of rows) {
    const report = perIntent[example.intent] ?? {
      total: 0,
      correct: 0,
      accuracy: 0,
      wrongAnswers: 0,
      clarified: 0,
      refused: 0,
    };
    perIntent[example.intent] = report;
    report.total += 1;
    if (decision.decision === 'clarify') {
      clarified += 1;
      report.clarified += 1;
    }
    if (decision.decision === 'none') report.refused += 1;
    const outOfScope = example.intent === NONE_INTENT;
    const correct = outOfScope
      ? decision.decision !== 'answer'
      : decision.decision === 'answer' && decision.intent === example.intent;
    if (outOfScope) {
      outTotal += 1;
      if (correct) outCorrect += 1;
    } else {
      inTotal += 1;
      if (correct) inCorrect += 1;
    }
    if (correct) {
      report.correct += 1;
      continue;
    }
    if (decision.decision === 'answer') report.wrongAnswers += 1;
    const predicted = decision.decision === 'answer' ? decision.intent : decision.decision;
    const key = `${example.intent}\u0000${predicted}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
    misses.push({
      text: example.text,
      expected: example.intent,
      decision: decision.decision,
      intent: decision.intent,
      score: Math.round(decision.score * 1000) / 1000,
    });
  }
  for (const report of Object.values(perIntent)) report.accuracy = ratio(report.correct, report.total);
  return {
    examples: rows.length,
    inScope: { total: inTotal, correct: inCorrect, accuracy: ratio(inCorrect, inTotal) },
    outOfScope: { total: outTotal, correct: outCorrect, recall: ratio(outCorrect, outTotal) },
    clarifyRate: ratio(clarified, rows.length),
    perIntent,
    confusions: [...confusions.entries()]
      .map(([key, count]) => {
        const [expected, predicted] = key.split('\u0000') as [string, string];
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    misses,
  };
}
