/**
 * The handoff limit, as a wrapper of one connection's EscalationService: a handoff over the client's
 * CLIENT_HANDOFFS_* rate records nothing and sends nothing (ChatLimitError, CHAT_ERR_HANDOFF_RATE_LIMITED;
 * the shopper's message stays stored, so the same message sent again later completes the handoff); the
 * first refusal of a flood queues one alert mail. An admitted handoff's mail gets its fair slot in the
 * outbox: one client's mails leave at most at its handoff rate, so a flood cannot delay other shoppers'.
 */
import { type EscalationService, escalationIdFor } from '../mail/escalation-service.ts';
import type { Storage } from '../storage/repository.ts';
import { ChatLimitError } from './chat-limit-error.ts';
import type { ClientLimits } from './client-limits.ts';
import type { RefusalLog } from './refusal-log.ts';

/** What the gate needs besides the service it wraps. */
export interface HandoffGateDeps {
  escalations: EscalationService;
  /** To tell a retried handoff (already recorded) from a new one. */
  storage: Pick<Storage, 'getEscalation'>;
  limits: ClientLimits;
  /** The connection's client IP (request.ip). */
  ip: string;
  /** Queues the flood alert about `ip`. */
  alert(ip: string, now: Date): Promise<void>;
  refused: RefusalLog;
  log: { error(obj: object, msg: string): void };
  /** The mail relay's clock (real time, also when conversations run on a test clock). */
  mailClock?: () => Date;
}

/** The connection's escalation service, limited per client. */
export function gateEscalations(deps: HandoffGateDeps): EscalationService {
  const mailClock = deps.mailClock ?? (() => new Date());
  return {
    async record(input) {
      // A retried handoff that was recorded before (its reply was lost) is answered again, not counted.
      const id = escalationIdFor(input.conversation.id, input.handoff.id);
      if (await deps.storage.getEscalation(id)) return deps.escalations.record(input);
      const admitted = await deps.limits.admit('handoff', deps.ip);
      if (!admitted.allowed) {
        deps.refused('handoff refused: client over CLIENT_HANDOFFS_PER_MINUTE', deps.ip, {
          conversationId: input.conversation.id,
        });
        try {
          if (await deps.limits.alertDue(deps.ip)) await deps.alert(deps.ip, mailClock());
        } catch (error) {
          deps.log.error({ err: error, ip: deps.ip }, 'flood alert could not be queued');
        }
        throw new ChatLimitError('CHAT_ERR_HANDOFF_RATE_LIMITED', admitted.retryAfterMs);
      }
      const mailNotBefore = await deps.limits.mailNotBefore(deps.ip, mailClock());
      return deps.escalations.record({ ...input, mailNotBefore });
    },
  };
}
