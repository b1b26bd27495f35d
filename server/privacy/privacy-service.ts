/**
 * The privacy operations the server, the console and the CLI share: masking shopper text with the
 * shop's patterns, deleting a shopper's data on request, and the retention purge, each writing an audit
 * line to the log without personal data (counts, and a SHA-256 of the subject so a repeated request can
 * be matched to the first one).
 */
import { createHash } from 'node:crypto';
import { message } from '../../bot/i18n/messages.ts';
import {
  type DeletionCounts,
  type DeletionSubject,
  foldEmail,
  type PrivacyStore,
  type PurgeResult,
} from '../storage/privacy-store.ts';
import type { Locale } from '../storage/repository.ts';
import { maskText } from './mask-text.ts';

const DAY_MS = 86_400_000;

/** Who asked: a staff user id (console) or `cli`. Never a shopper's data. */
/** Who asked: a staff member, the CLI, the retention sweep, or the server's own start-up warm-up chat. */
export type Actor = { staffUserId: string } | 'cli' | 'retention' | 'warm-up';

/** What the privacy operations need. */
export interface PrivacyServiceDeps {
  store: PrivacyStore;
  /** Compiled `privacy.maskPatterns`. */
  patterns: readonly RegExp[];
  /** RETENTION_DAYS; 0 keeps forever. */
  retentionDays: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** The privacy operations. */
export interface PrivacyService {
  /** A shopper message with card numbers and the shop's patterns masked (the label in `locale`). */
  mask(text: string, locale: Locale): string;
  /** Deletes (or counts, with `dryRun`) a shopper's data; logs an audit line. */
  deleteShopperData(
    subject: DeletionSubject,
    options: { dryRun?: boolean; actor: Actor },
  ): Promise<DeletionCounts>;
  /** Deletes conversations inactive for RETENTION_DAYS before `now`; undefined when retention is off. */
  purgeExpired(now: Date, options?: { dryRun?: boolean }): Promise<PurgeResult | undefined>;
}

/** SHA-256 (hex) of a deletion subject, for the audit line: the same address (in any width) gives the same hash. */
export function subjectHash(subject: DeletionSubject): string {
  const value =
    'email' in subject
      ? `email\0${foldEmail(subject.email)}`
      : 'lineUserId' in subject
        ? `line\0${subject.lineUserId}`
        : `conversation\0${subject.conversationId}`;
  return createHash('sha256').update(value).digest('hex');
}

/** The instant before which inactive conversations expire; undefined when `days` is 0 (keep forever). */
export function retentionCutoff(now: Date, days: number): Date | undefined {
  return days > 0 ? new Date(now.getTime() - days * DAY_MS) : undefined;
}

function actorOf(actor: Actor): string {
  return typeof actor === 'string' ? actor : `staff:${actor.staffUserId}`;
}

/** Creates the service. */
export function createPrivacyService(deps: PrivacyServiceDeps): PrivacyService {
  const labels: Record<Locale, string> = {
    ja: message('ja', 'privacyRedacted'),
    en: message('en', 'privacyRedacted'),
  };
  return {
    mask(text, locale) {
      return maskText(text, { patterns: deps.patterns, redactedLabel: labels[locale] });
    },

    async deleteShopperData(subject, options) {
      const dryRun = options.dryRun ?? false;
      const counts = await deps.store.deleteShopperData(subject, { dryRun });
      deps.log.info(
        {
          event: 'privacy.delete',
          by: 'email' in subject ? 'email' : 'lineUserId' in subject ? 'line-user' : 'conversation',
          subjectHash: subjectHash(subject),
          actor: actorOf(options.actor),
          dryRun,
          counts,
        },
        dryRun ? 'privacy deletion dry run' : 'privacy deletion done',
      );
      return counts;
    },

    async purgeExpired(now, options = {}) {
      const cutoff = retentionCutoff(now, deps.retentionDays);
      if (!cutoff) return undefined;
      const dryRun = options.dryRun ?? false;
      const result = await deps.store.purgeExpired(cutoff, { dryRun });
      const line = {
        event: 'privacy.retention',
        cutoff: cutoff.toISOString(),
        retentionDays: deps.retentionDays,
        dryRun,
        ...result,
      };
      deps.log.info(line, dryRun ? 'retention dry run' : 'retention sweep done');
      if (result.heldBack > 0) {
        deps.log.warn(
          { event: 'privacy.retention.held-back', heldBack: result.heldBack },
          'expired conversations kept because their mail is not sent yet (see the outbox; without SMTP_URL mail is never sent)',
        );
      }
      return result;
    },
  };
}
