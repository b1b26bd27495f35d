import { describe, expect, test } from 'vitest';
import { LocalizeController } from '../../../console/controllers/localize-controller.ts';
import {
  handoffReasonLabel,
  mailStatusBadge,
  statusBadge,
} from '../../../console/internal/escalation-labels.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

// No navigator in Node: the console speaks Japanese, its default.
const localize = new LocalizeController(new FakeHost());

/** A lit template's markup with its values in place (enough to read a badge). */
function markup(template: { strings: readonly string[]; values: readonly unknown[] }): string {
  return template.strings.reduce(
    (out, s, i) => out + s + (i < template.values.length ? String(template.values[i]) : ''),
    '',
  );
}

describe('handoffReasonLabel', () => {
  test.each([
    { reason: 'user-requested', label: 'お客さまの希望' },
    { reason: 'low-confidence', label: '自信がない' },
    { reason: 'a-reason-from-a-newer-bot', label: 'a-reason-from-a-newer-bot' },
  ])('$reason → $label', ({ reason, label }) => {
    expect(handoffReasonLabel(localize, reason)).toBe(label);
  });

  test('every reason the bot gives has words of its own', () => {
    for (const reason of [
      'user-requested',
      'low-confidence',
      'repeated-fallback',
      'defect-report',
      'change-request',
    ]) {
      expect(handoffReasonLabel(localize, reason), reason).not.toBe(reason);
    }
  });
});

describe('statusBadge', () => {
  test('an open escalation is a warning, a resolved one a success', () => {
    expect(markup(statusBadge(localize, 'open'))).toBe(
      '<span class="badge warning" data-status="open">対応中</span>',
    );
    expect(markup(statusBadge(localize, 'resolved'))).toContain('badge success');
  });
});

describe('mailStatusBadge', () => {
  test.each([
    { status: 'pending' as const, tone: 'warning' },
    { status: 'sending' as const, tone: 'info' },
    { status: 'sent' as const, tone: 'success' },
    { status: 'failed' as const, tone: 'danger' },
  ])('$status is $tone', ({ status, tone }) => {
    const badge = markup(mailStatusBadge(localize, status));
    expect(badge).toContain(`badge ${tone}`);
    expect(badge).toContain(localize.term(`mail_${status}`));
  });
});
