/**
 * A stored state of the handoff dialogue waiting for the address, shared by the tests of the
 * conversation state and of the flow registry.
 */

/** The handoff dialogue's state, asking for the email (as kept in `ConversationState.flow`). */
export const WAITING_HANDOFF = {
  name: 'handoff',
  step: 'email',
  reason: 'user-requested',
  intent: 'human_agent',
  score: 0.91,
  id: 'm-41',
  startedAt: '2026-11-20T01:00:00.000Z',
  email: null,
} as const;
