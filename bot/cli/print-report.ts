/** Readable table of an evaluation report for people at a terminal. */
import type { EvaluationReport } from '../nlu/evaluate.ts';

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** Prints the summary, the per-intent table (weakest first) and the top confusions. */
export function printReport(report: EvaluationReport, showMisses: boolean): void {
  const out: string[] = [];
  out.push(`examples            ${report.examples}`);
  out.push(
    `in-scope accuracy   ${pct(report.inScope.accuracy)} (${report.inScope.correct}/${report.inScope.total})`,
  );
  out.push(
    `out-of-scope recall ${pct(report.outOfScope.recall)} (${report.outOfScope.correct}/${report.outOfScope.total})`,
  );
  out.push(`clarify rate        ${pct(report.clarifyRate)}`, '');
  out.push(`${'intent'.padEnd(30)} ${'n'.padStart(4)} ${'acc'.padStart(7)} wrong clarify refused`);
  const rows = Object.entries(report.perIntent).sort((a, b) => a[1].accuracy - b[1].accuracy);
  for (const [intent, r] of rows) {
    out.push(
      `${intent.padEnd(30)} ${String(r.total).padStart(4)} ${pct(r.accuracy).padStart(7)} ${String(r.wrongAnswers).padStart(5)} ${String(r.clarified).padStart(7)} ${String(r.refused).padStart(7)}`,
    );
  }
  if (report.confusions.length) {
    out.push('', 'top confusions (expected → decided)');
    for (const c of report.confusions.slice(0, 15)) out.push(`  ${c.count}× ${c.expected} → ${c.predicted}`);
  }
  if (showMisses) {
    out.push('', 'misses');
    for (const m of report.misses)
      out.push(`  [${m.expected} → ${m.decision}:${m.intent} ${m.score}] ${m.text}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
