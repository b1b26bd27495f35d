/**
 * The console's review stores (escalations and outbox, the unanswered queue, analytics facts) on both
 * backends (tests/helpers/storage-backends.ts). Rows are written through the storage contract, as the
 * chat writes them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsQueries } from '../../../server/storage/analytics-queries.ts';
import { EscalationReviewStore } from '../../../server/storage/escalation-review-store.ts';
import type { Decision, Locale } from '../../../server/storage/repository.ts';
import { StaffStore } from '../../../server/storage/staff-store.ts';
import { UnansweredStore } from '../../../server/storage/unanswered-store.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

describe.each(storageBackends())('console stores on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let escalations: EscalationReviewStore;
  let unanswered: UnansweredStore;
  let analytics: AnalyticsQueries;
  let staff: StaffStore;

  beforeAll(async () => {
    const db = () => storage.database();
    escalations = new EscalationReviewStore(db);
    unanswered = new UnansweredStore(db, storage.dialect);
    analytics = new AnalyticsQueries(db, storage.dialect);
    staff = new StaffStore(db);
  });

  async function conversation(locale: Locale = 'ja', at = new Date()) {
    return storage.createConversation({
      id: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      locale,
      createdAt: at,
    });
  }

  /** A shopper line and the bot's reply to it. */
  async function exchange(
    conversationId: string,
    text: string,
    reply: { decision: Decision; intent?: string | null; at?: Date; payload?: Record<string, unknown> },
  ) {
    const at = reply.at ?? new Date();
    const { message } = await storage.appendShopperMessage({
      id: randomUUID(),
      conversationId,
      clientSeq: null,
      text,
      createdAt: at,
    });
    const bot = await storage.appendBotMessage({
      id: randomUUID(),
      conversationId,
      replyTo: message.id,
      text: 'reply',
      decision: reply.decision,
      intent: reply.intent ?? null,
      score: reply.intent ? 0.42 : null,
      payload: reply.payload ?? null,
      createdAt: at,
    });
    return { shopper: message, bot };
  }

  async function escalate(conversationId: string, options: { reason?: string; at?: Date } = {}) {
    const id = randomUUID();
    const at = options.at ?? new Date();
    await storage.createEscalationWithMail(
      {
        id,
        conversationId,
        reason: options.reason ?? 'user-requested',
        intent: 'human_agent',
        score: 0.9,
        email: 'hanako@example.jp',
        summary: null,
        createdAt: at,
      },
      {
        id: randomUUID(),
        escalationId: id,
        to: 'support@shop.example',
        replyTo: 'hanako@example.jp',
        subject: 'handoff',
        text: 'text',
        html: '<p>text</p>',
        messageId: `<${id}@shop.example>`,
        createdAt: at,
      },
    );
    return id;
  }

  describe('unanswered queue', () => {
    it('holds refused, clarified and down-voted questions, not answered ones', async () => {
      const c = await conversation();
      const refused = await exchange(c.id, '送料はいくら', { decision: 'none' });
      const clarified = await exchange(c.id, '変更したい', {
        decision: 'clarify',
        intent: 'subscription.skip',
      });
      const answered = await exchange(c.id, '解約したい', {
        decision: 'answer',
        intent: 'subscription.cancel',
      });
      const downvoted = await exchange(c.id, '届かない', { decision: 'answer', intent: 'shipping.when' });
      await storage.setFeedback(c.id, downvoted.bot.id, -1);
      const { questions } = await unanswered.list({ limit: 500 });
      const mine = questions.filter((q) => q.conversationId === c.id);
      expect(mine.map((q) => [q.text, q.reason, q.intent])).toEqual([
        ['届かない', 'downvote', 'shipping.when'],
        ['変更したい', 'clarify', 'subscription.skip'],
        ['送料はいくら', 'none', null],
      ]);
      expect(mine.map((q) => q.id)).not.toContain(answered.shopper.id);
      expect(mine.find((q) => q.id === refused.shopper.id)?.createdAt).toBeInstanceOf(Date);
      expect(clarified.shopper.id).toBe(mine[1]?.id);
    });

    it('takes the locale from the bot reply, and filters by it', async () => {
      const c = await conversation('ja');
      const english = await exchange(c.id, 'how much is shipping', {
        decision: 'none',
        payload: { locale: 'en' },
      });
      const { questions } = await unanswered.list({ locale: 'en', limit: 500 });
      expect(questions.find((q) => q.id === english.shopper.id)?.locale).toBe('en');
      const ja = await unanswered.list({ locale: 'ja', limit: 500 });
      expect(ja.questions.map((q) => q.id)).not.toContain(english.shopper.id);
    });

    it('drops reviewed messages and keeps the first review of a message', async () => {
      const c = await conversation();
      const { shopper } = await exchange(c.id, 'ポイントは使える？', { decision: 'none' });
      const input = {
        messageIds: [shopper.id],
        status: 'dismissed' as const,
        intent: null,
        userId: null,
        now: new Date(),
      };
      expect(await unanswered.markReviewed(input)).toBe(1);
      expect(await unanswered.markReviewed({ ...input, status: 'assigned', intent: 'points.use' })).toBe(0);
      const { questions } = await unanswered.list({ limit: 500 });
      expect(questions.map((q) => q.id)).not.toContain(shopper.id);
    });

    it('holds an answer a later line disputed, with the signal and that line, once reviewed gone', async () => {
      const c = await conversation();
      const t0 = new Date('2026-11-24T06:00:00Z');
      const wrong = await exchange(c.id, '注文したのにまだ届かない', {
        decision: 'answer',
        intent: 'order.confirmation_mail',
        at: t0,
      });
      const answeredOk = await exchange(c.id, '送料はいくら', { decision: 'answer', intent: 'shipping.fee' });
      await exchange(c.id, '違う、荷物が届かないの', {
        decision: 'answer',
        intent: 'shipping.when',
        at: new Date(t0.getTime() + 60_000),
        payload: { locale: 'ja', dispute: { messageId: wrong.shopper.id, signal: 'negation' } },
      });
      const { questions } = await unanswered.list({ limit: 500 });
      const mine = questions.filter((q) => q.conversationId === c.id);
      expect(mine.map((q) => [q.text, q.reason, q.intent, q.signal, q.followUp])).toEqual([
        [
          '注文したのにまだ届かない',
          'disputed',
          'order.confirmation_mail',
          'negation',
          '違う、荷物が届かないの',
        ],
      ]);
      expect(mine.map((q) => q.id)).not.toContain(answeredOk.shopper.id);
      await unanswered.markReviewed({
        messageIds: [wrong.shopper.id],
        status: 'dismissed',
        intent: null,
        userId: null,
        now: new Date(),
      });
      const after = await unanswered.list({ limit: 500 });
      expect(after.questions.map((q) => q.id)).not.toContain(wrong.shopper.id);
    });

    it('finds only shopper messages among the ids it is given', async () => {
      const c = await conversation();
      const { shopper, bot } = await exchange(c.id, '返品したい', {
        decision: 'none',
        payload: { locale: 'ja' },
      });
      const found = await unanswered.findShopperMessages([shopper.id, bot.id, randomUUID()]);
      expect(found).toEqual([{ id: shopper.id, text: '返品したい', locale: 'ja' }]);
    });
  });

  describe('escalation review', () => {
    it('lists newest first with filters on status, reason and time', async () => {
      const c = await conversation('en');
      const older = await escalate(c.id, {
        reason: 'repeated-fallback',
        at: new Date('2026-11-23T14:59:00Z'),
      });
      const newer = await escalate(c.id, { reason: 'user-requested', at: new Date('2026-11-23T15:30:00Z') });
      const mine = (list: { id: string }[]) =>
        list.map((e) => e.id).filter((id) => id === older || id === newer);
      expect(mine(await escalations.list())).toEqual([newer, older]);
      expect(mine(await escalations.list({ reason: 'repeated-fallback' }))).toEqual([older]);
      expect(mine(await escalations.list({ start: new Date('2026-11-23T15:00:00Z') }))).toEqual([newer]);
      expect(mine(await escalations.list({ end: new Date('2026-11-23T15:00:00Z') }))).toEqual([older]);
      expect((await escalations.get(newer))?.locale).toBe('en');
    });

    it('resolves with who and when, keeps the first resolver, and reopens', async () => {
      const c = await conversation();
      const id = await escalate(c.id);
      const op = await staff.createUser({
        email: `op-${randomUUID()}@shop.test`,
        name: '佐藤',
        role: 'operator',
        passwordHash: 'x',
        now: new Date(),
      });
      const at = new Date('2026-11-24T01:00:00Z');
      const resolved = await escalations.resolve(id, op.id, at);
      expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: at, resolvedBy: '佐藤' });
      const again = await escalations.resolve(id, op.id, new Date('2026-11-25T01:00:00Z'));
      expect(again?.resolvedAt).toEqual(at);
      expect(await escalations.list({ status: 'resolved' })).toContainEqual(expect.objectContaining({ id }));
      expect(await escalations.reopen(id)).toMatchObject({
        status: 'open',
        resolvedAt: null,
        resolvedBy: null,
      });
      expect(await escalations.resolve(randomUUID(), op.id, at)).toBeUndefined();
    });

    it('stores notes oldest first', async () => {
      const c = await conversation();
      const id = await escalate(c.id);
      await escalations.addNote({
        escalationId: id,
        authorId: null,
        authorName: 'A',
        text: '一つ目',
        now: new Date(1000),
      });
      await escalations.addNote({
        escalationId: id,
        authorId: null,
        authorName: 'B',
        text: '二つ目',
        now: new Date(2000),
      });
      expect((await escalations.listNotes(id)).map((n) => [n.authorName, n.text])).toEqual([
        ['A', '一つ目'],
        ['B', '二つ目'],
      ]);
    });

    it('queues a reply next to the handoff mail and counts the outbox by status', async () => {
      const c = await conversation();
      const id = await escalate(c.id);
      const before = await escalations.countOutbox();
      const mailId = randomUUID();
      const queued = await escalations.queueMail({
        id: mailId,
        escalationId: id,
        to: 'hanako@example.jp',
        replyTo: 'support@shop.example',
        subject: 'Re',
        text: 'こんにちは',
        html: '<p>こんにちは</p>',
        messageId: `<reply.${mailId}@shop.example>`,
        // Later than every other row of this file: the newest in the outbox.
        createdAt: new Date('2040-01-01T00:00:00Z'),
      });
      expect(queued).toMatchObject({ id: mailId, status: 'pending', attempts: 0, escalationId: id });
      expect((await escalations.listMails(id)).map((m) => m.to)).toEqual([
        'support@shop.example',
        'hanako@example.jp',
      ]);
      expect((await escalations.countOutbox()).pending).toBe(before.pending + 1);
      expect((await escalations.listOutbox({ status: 'pending' }))[0]?.id).toBe(mailId);
    });
  });

  describe('analytics facts', () => {
    it('selects the range [start, end) with each shopper message’s reply decision, outcomes and handoffs', async () => {
      // A conversation in a far-off year, so other tests' rows stay out of the range.
      const c = await conversation('ja', new Date('2031-01-01T00:00:00Z'));
      await exchange(c.id, 'before', { decision: 'none', at: new Date('2030-12-31T14:59:59Z') });
      await exchange(c.id, '送料はいくら', { decision: 'none', at: new Date('2030-12-31T15:00:00Z') });
      await exchange(c.id, '解約したい', {
        decision: 'answer',
        intent: 'subscription.cancel',
        at: new Date('2031-01-01T03:00:00Z'),
        payload: {
          outcome: { flow: 'cancellation', result: 'retained', reason: 'price', alternative: 'skip' },
        },
      });
      await exchange(c.id, 'after', { decision: 'answer', at: new Date('2031-01-01T15:00:00Z') });
      await escalate(c.id, { at: new Date('2031-01-01T04:00:00Z') });
      const facts = await analytics.facts({
        start: new Date('2030-12-31T15:00:00Z'),
        end: new Date('2031-01-01T15:00:00Z'),
      });
      expect(facts.shopperMessages.map((m) => [m.text, m.replyDecision])).toEqual([
        ['送料はいくら', 'none'],
        ['解約したい', 'answer'],
      ]);
      expect(facts.botMessages.map((b) => b.outcome)).toContainEqual({
        flow: 'cancellation',
        result: 'retained',
        reason: 'price',
        alternative: 'skip',
      });
      expect(facts.handoffs).toHaveLength(1);
      const english = await analytics.facts({
        start: new Date('2030-12-31T15:00:00Z'),
        end: new Date('2031-01-01T15:00:00Z'),
        locale: 'en',
      });
      expect(english.shopperMessages).toEqual([]);
    });
  });
});
