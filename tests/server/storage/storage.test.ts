/**
 * One behaviour suite for the storage contract, run against both backends: SQLite in a fresh temp
 * directory and PostgreSQL in a fresh schema (dropped afterwards), so the two cannot drift apart.
 * PostgreSQL comes from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStorageOptions, openStorage } from '../../../server/storage/open-storage.ts';
import type {
  NewBotMessage,
  NewEscalation,
  NewOutboxMail,
  Storage,
  StoredMessage,
} from '../../../server/storage/repository.ts';
import { KUROZU_SNAPSHOT } from '../../helpers/shopper-fixtures.ts';
import { storageBackends } from '../../helpers/storage-backends.ts';

describe.each(storageBackends())('storage on $name', (backend) => {
  let options: OpenStorageOptions;
  let storage: Storage;
  const opened: Storage[] = [];

  /** Opens another handle on the same database; closed in afterAll if the test did not. */
  async function openAnother(): Promise<Storage> {
    const other = await openStorage(options);
    opened.push(other);
    return other;
  }

  beforeAll(async () => {
    options = await backend.setup();
    storage = await openAnother();
  });

  afterAll(async () => {
    for (const handle of opened) await handle.close();
    await backend.teardown();
  });

  /**
   * Another connection to race against: PostgreSQL gets a second pool. SQLite keeps the one handle:
   * better-sqlite3 waits for a lock synchronously, so two handles in one thread would block each other
   * (across processes BEGIN IMMEDIATE serialises them, which is what the one handle does here too).
   */
  async function racingHandle(): Promise<Storage> {
    return backend.name === 'postgres' ? openAnother() : storage;
  }

  // Every test works in its own conversation, so tests sharing the database do not see each other.
  async function newConversation(createdAt = new Date()) {
    return storage.createConversation({
      id: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      locale: 'ja',
      createdAt,
    });
  }

  function shopper(conversationId: string, clientSeq: number, text = `message ${clientSeq}`) {
    return { id: randomUUID(), conversationId, clientSeq, text, createdAt: new Date() };
  }

  function bot(
    conversationId: string,
    replyTo: string | null,
    extra: Partial<NewBotMessage> = {},
  ): NewBotMessage {
    return {
      id: randomUUID(),
      conversationId,
      replyTo,
      text: 'bot reply',
      decision: 'answer',
      intent: 'shipping.when',
      score: 0.875,
      payload: null,
      createdAt: new Date(),
      ...extra,
    };
  }

  function escalationAndMail(conversationId: string, messageId = `<${randomUUID()}@shop.example>`) {
    const escalation: NewEscalation = {
      id: randomUUID(),
      conversationId,
      reason: 'shopper asked for a human',
      intent: 'cancel.request',
      score: 0.42,
      email: 'shopper@example.com',
      summary: 'wants to cancel',
      customerId: null,
      subscriptions: null,
      createdAt: new Date('2024-05-06T07:08:09.010Z'),
    };
    const mail: NewOutboxMail = {
      id: randomUUID(),
      escalationId: escalation.id,
      to: 'support@shop.example',
      replyTo: 'shopper@example.com',
      subject: 'Handoff',
      text: 'text body',
      html: '<p>html body</p>',
      messageId,
      createdAt: new Date('2024-05-06T07:08:09.011Z'),
    };
    return { escalation, mail };
  }

  const seqs = (messages: StoredMessage[]) => messages.map((m) => m.seq);

  it('reports its dialect and answers ping', async () => {
    expect(storage.dialect).toBe(backend.name);
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it('migrate is idempotent', async () => {
    await storage.migrate();
    await storage.migrate();
    const again = await openAnother();
    const conversation = await newConversation();
    expect(await again.getConversation(conversation.id)).toEqual(conversation);
  });

  it('creates and finds a conversation by token hash', async () => {
    const conversation = await newConversation();
    expect(conversation.state).toEqual({});
    expect(conversation.email).toBeNull();
    expect(await storage.findConversationByTokenHash(conversation.tokenHash)).toEqual(conversation);
    expect(await storage.getConversation(conversation.id)).toEqual(conversation);
    expect(await storage.findConversationByTokenHash('0'.repeat(64))).toBeUndefined();
    expect(await storage.getConversation(randomUUID())).toBeUndefined();
  });

  it('rejects a second conversation with the same token hash', async () => {
    const conversation = await newConversation();
    await expect(
      storage.createConversation({
        id: randomUUID(),
        tokenHash: conversation.tokenHash,
        locale: 'en',
        createdAt: new Date(),
      }),
    ).rejects.toThrow();
  });

  it('appends messages with gapless seq in order', async () => {
    const { id } = await newConversation();
    const first = await storage.appendShopperMessage(shopper(id, 1, 'hello'));
    const reply = await storage.appendBotMessage(bot(id, first.message.id));
    const second = await storage.appendShopperMessage(shopper(id, 2, 'again'));
    expect(first).toMatchObject({ duplicate: false, message: { seq: 1, role: 'shopper', clientSeq: 1 } });
    expect(reply).toMatchObject({ seq: 2, role: 'bot', clientSeq: null, replyTo: first.message.id });
    expect(second.message.seq).toBe(3);
    const listed = await storage.listMessages(id);
    expect(listed).toEqual([first.message, reply, second.message]);
  });

  it('rejects a message for an unknown conversation', async () => {
    await expect(storage.appendShopperMessage(shopper(randomUUID(), 1))).rejects.toThrow(/conversation/);
    await expect(storage.appendBotMessage(bot(randomUUID(), null))).rejects.toThrow(/conversation/);
  });

  it('a retried shopper message with the same client seq is stored once and returns the first', async () => {
    const { id } = await newConversation();
    const first = await storage.appendShopperMessage(shopper(id, 7, 'original'));
    const retry = await storage.appendShopperMessage(shopper(id, 7, 'retried'));
    expect(retry).toEqual({ message: first.message, duplicate: true });
    expect(await storage.listMessages(id)).toEqual([first.message]);
  });

  it('concurrent retries of one shopper message store it once', async () => {
    const { id } = await newConversation();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => storage.appendShopperMessage(shopper(id, 1))),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(await storage.listMessages(id)).toHaveLength(1);
  });

  it('concurrent appends to one conversation get distinct gapless seqs', async () => {
    const { id } = await newConversation();
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? storage.appendShopperMessage(shopper(id, i)).then((r) => r.message)
          : storage.appendBotMessage(bot(id, null)),
      ),
    );
    const expected = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(seqs(appended).sort((a, b) => a - b)).toEqual(expected);
    const listed = await storage.listMessages(id);
    expect(seqs(listed)).toEqual(expected);
    expect(new Set(listed.map((m) => m.id))).toEqual(new Set(appended.map((m) => m.id)));
  });

  it('an exchange stores the shopper message, its reply right after it and the new state together', async () => {
    const { id } = await newConversation();
    const question = shopper(id, 1, '送料は？');
    const later = new Date(Date.now() + 1000);
    const exchange = await storage.appendExchange(
      question,
      bot(id, question.id, { payload: { quickReplies: ['はい'] } }),
      { state: { turn: 1, flow: { id: 'cancel' } }, locale: 'en', email: 'a@example.jp', updatedAt: later },
    );
    expect(exchange).toMatchObject({
      duplicate: false,
      message: { id: question.id, seq: 1, role: 'shopper', clientSeq: 1, text: '送料は？' },
      reply: { seq: 2, role: 'bot', replyTo: question.id, payload: { quickReplies: ['はい'] } },
    });
    if (exchange.duplicate) throw new Error('expected a new exchange');
    expect(await storage.listMessages(id)).toEqual([exchange.message, exchange.reply]);
    expect(await storage.findReplyTo(question.id)).toEqual(exchange.reply);
    expect(await storage.getConversation(id)).toMatchObject({
      state: { turn: 1, flow: { id: 'cancel' } },
      locale: 'en',
      email: 'a@example.jp',
      updatedAt: later,
    });
    const next = await storage.appendShopperMessage(shopper(id, 2));
    expect(next.message.seq).toBe(3);
  });

  it('a retried exchange writes nothing and returns the first shopper message', async () => {
    const { id } = await newConversation();
    const first = shopper(id, 4, 'original');
    const stored = await storage.appendExchange(first, bot(id, first.id), {
      state: { n: 1 },
      updatedAt: new Date(),
    });
    const retry = shopper(id, 4, 'retried');
    const again = await storage.appendExchange(retry, bot(id, retry.id), {
      state: { n: 2 },
      updatedAt: new Date(),
    });
    expect(again).toEqual({ duplicate: true, message: stored.message });
    expect(await storage.listMessages(id)).toHaveLength(2);
    expect((await storage.getConversation(id))?.state).toEqual({ n: 1 });
    // A message first stored alone (the slow path) is a duplicate for an exchange too.
    const alone = await storage.appendShopperMessage(shopper(id, 5));
    const late = shopper(id, 5);
    expect(await storage.appendExchange(late, bot(id, late.id), { updatedAt: new Date() })).toEqual({
      duplicate: true,
      message: alone.message,
    });
  });

  it('an exchange for an unknown conversation is refused and writes nothing', async () => {
    const unknown = randomUUID();
    const question = shopper(unknown, 1);
    await expect(
      storage.appendExchange(question, bot(unknown, question.id), { updatedAt: new Date() }),
    ).rejects.toThrow(/conversation/);
    expect(await storage.listMessages(unknown)).toEqual([]);
  });

  it('concurrent exchanges and appends on one conversation keep seqs gapless, each reply after its question', async () => {
    const { id } = await newConversation();
    const other = await racingHandle();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const question = shopper(id, 100 + i);
        const handle = i % 2 === 0 ? storage : other;
        return i % 3 === 0
          ? handle.appendShopperMessage(question).then((r) => [r.message])
          : handle
              .appendExchange(question, bot(id, question.id), { state: { i }, updatedAt: new Date() })
              .then((r) => (r.duplicate ? [r.message] : [r.message, r.reply]));
      }),
    );
    const listed = await storage.listMessages(id);
    expect(seqs(listed)).toEqual(Array.from({ length: listed.length }, (_, i) => i + 1));
    expect(listed).toHaveLength(results.flat().length);
    for (const reply of listed.filter((m) => m.role === 'bot')) {
      const question = listed.find((m) => m.id === reply.replyTo);
      expect(question?.seq).toBe(reply.seq - 1);
    }
  });

  it('bot reply is found by replyTo', async () => {
    const { id } = await newConversation();
    const question = await storage.appendShopperMessage(shopper(id, 1));
    const unanswered = await storage.appendShopperMessage(shopper(id, 2));
    const payload = { quickReplies: ['はい', 'いいえ'], nested: { n: 1, ok: true, list: [null, 'x'] } };
    const reply = await storage.appendBotMessage(
      bot(id, question.message.id, { decision: 'clarify', payload }),
    );
    const found = await storage.findReplyTo(question.message.id);
    expect(found).toEqual(reply);
    expect(found?.payload).toEqual(payload);
    expect(found?.score).toBeCloseTo(0.875);
    expect(await storage.findReplyTo(unanswered.message.id)).toBeUndefined();
  });

  it('feedback only on bot messages of that conversation', async () => {
    const a = await newConversation();
    const b = await newConversation();
    const question = await storage.appendShopperMessage(shopper(a.id, 1));
    const reply = await storage.appendBotMessage(bot(a.id, question.message.id));

    expect(await storage.setFeedback(a.id, reply.id, 1)).toBe(true);
    expect(await storage.setFeedback(a.id, question.message.id, -1)).toBe(false);
    expect(await storage.setFeedback(b.id, reply.id, -1)).toBe(false);
    expect(await storage.setFeedback(a.id, randomUUID(), -1)).toBe(false);

    const [storedQuestion, storedReply] = await storage.listMessages(a.id);
    expect(storedQuestion?.feedback).toBeNull();
    expect(storedReply?.feedback).toBe(1);
    expect(await storage.setFeedback(a.id, reply.id, -1)).toBe(true);
    expect((await storage.findReplyTo(question.message.id))?.feedback).toBe(-1);
  });

  it('stores the customer id a conversation is bound to: at creation, or later by binding', async () => {
    const anonymous = await newConversation();
    expect(anonymous.customerId).toBeNull();
    const verified = await storage.createConversation({
      id: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      locale: 'ja',
      customerId: 'demo-001',
      createdAt: new Date(),
    });
    expect(verified.customerId).toBe('demo-001');
    expect(await storage.findConversationByTokenHash(verified.tokenHash)).toEqual(verified);
    const later = new Date(Date.now() + 1000);
    expect(await storage.bindCustomer(anonymous.id, 'demo-002', later)).toBe(true);
    expect(await storage.getConversation(anonymous.id)).toEqual({
      ...anonymous,
      customerId: 'demo-002',
      updatedAt: later,
    });
    // A patch leaves the binding as it is.
    await storage.updateConversation(anonymous.id, { email: 'a@b.example', updatedAt: later });
    expect((await storage.getConversation(anonymous.id))?.customerId).toBe('demo-002');
  });

  it('binds a conversation to one customer only: the same customer again is fine, another is refused', async () => {
    const conversation = await newConversation();
    const at = new Date(Date.now() + 1000);
    expect(await storage.bindCustomer(conversation.id, 'demo-001', at)).toBe(true);
    expect(await storage.bindCustomer(conversation.id, 'demo-001', at)).toBe(true);
    expect(await storage.bindCustomer(conversation.id, 'demo-002', new Date(at.getTime() + 1000))).toBe(
      false,
    );
    expect(await storage.getConversation(conversation.id)).toMatchObject({
      customerId: 'demo-001',
      updatedAt: at,
    });
    expect(await storage.bindCustomer(randomUUID(), 'demo-001', at)).toBe(false);
  });

  it('lets exactly one of two customers binding the same anonymous conversation at once win', async () => {
    const other = await racingHandle();
    for (let round = 0; round < 5; round += 1) {
      const conversation = await newConversation();
      const at = new Date();
      const results = await Promise.all([
        storage.bindCustomer(conversation.id, 'demo-a', at),
        other.bindCustomer(conversation.id, 'demo-b', at),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results[0] ? 'demo-a' : 'demo-b';
      expect((await storage.getConversation(conversation.id))?.customerId).toBe(winner);
    }
  });

  it("keeps a verified shopper's subscriptions with the escalation, as they were", async () => {
    const conversation = await newConversation();
    const bound = escalationAndMail(conversation.id);
    const subscriptions = [KUROZU_SNAPSHOT];
    await storage.createEscalationWithMail(
      { ...bound.escalation, customerId: 'demo-taro', subscriptions },
      bound.mail,
    );
    expect((await storage.getEscalation(bound.escalation.id))?.subscriptions).toEqual(subscriptions);
    const anonymous = escalationAndMail(conversation.id);
    await storage.createEscalationWithMail(anonymous.escalation, anonymous.mail);
    expect((await storage.getEscalation(anonymous.escalation.id))?.subscriptions).toBeNull();
  });

  it("records an escalation's customer id, and null for an anonymous one", async () => {
    const conversation = await newConversation();
    const bound = escalationAndMail(conversation.id);
    await storage.createEscalationWithMail({ ...bound.escalation, customerId: 'demo-001' }, bound.mail);
    expect((await storage.getEscalation(bound.escalation.id))?.customerId).toBe('demo-001');
    const anonymous = escalationAndMail(conversation.id);
    await storage.createEscalationWithMail(anonymous.escalation, anonymous.mail);
    expect((await storage.getEscalation(anonymous.escalation.id))?.customerId).toBeNull();
  });

  it('updateConversation persists state JSON, locale and email', async () => {
    const conversation = await newConversation(new Date('2024-01-01T00:00:00.000Z'));
    const state = { flow: 'cancel', step: 2, fallbacks: [1, 2], meta: { note: '解約したい "quoted"' } };
    const updatedAt = new Date('2024-01-02T03:04:05.678Z');
    await storage.updateConversation(conversation.id, {
      state,
      locale: 'en',
      email: 'a@b.example',
      updatedAt,
    });
    expect(await storage.getConversation(conversation.id)).toEqual({
      ...conversation,
      state,
      locale: 'en',
      email: 'a@b.example',
      updatedAt,
    });

    // Only what the patch names changes; an explicit null clears the email.
    const later = new Date('2024-01-03T00:00:00.001Z');
    await storage.updateConversation(conversation.id, { email: null, updatedAt: later });
    expect(await storage.getConversation(conversation.id)).toEqual({
      ...conversation,
      state,
      locale: 'en',
      email: null,
      updatedAt: later,
    });
  });

  it('listMessages honours afterSeq and limit', async () => {
    const { id } = await newConversation();
    for (let i = 1; i <= 5; i++) await storage.appendShopperMessage(shopper(id, i));
    expect(seqs(await storage.listMessages(id, { afterSeq: 2 }))).toEqual([3, 4, 5]);
    expect(seqs(await storage.listMessages(id, { limit: 2 }))).toEqual([1, 2]);
    expect(seqs(await storage.listMessages(id, { afterSeq: 1, limit: 2 }))).toEqual([2, 3]);
    expect(await storage.listMessages(id, { afterSeq: 5 })).toEqual([]);
    expect(await storage.listMessages(randomUUID())).toEqual([]);
  });

  it('escalation and mail are written together', async () => {
    const { id } = await newConversation();
    const { escalation, mail } = escalationAndMail(id);
    expect(await storage.createEscalationWithMail(escalation, mail)).toBe(true);

    expect(await storage.getEscalation(escalation.id)).toEqual({ ...escalation, status: 'open' });
    const pending = await storage.listOutbox({ status: 'pending' });
    expect(pending.find((m) => m.id === mail.id)).toEqual({
      ...mail,
      envelopeTo: null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: mail.createdAt,
      lastError: null,
      sentAt: null,
      leaseExpiresAt: null,
      firstAttemptAt: null,
    });
    expect((await storage.listOutbox({ status: 'sent' })).find((m) => m.id === mail.id)).toBeUndefined();
  });

  it('when the mail insert fails (duplicate messageId) neither escalation nor mail is written', async () => {
    const { id } = await newConversation();
    const first = escalationAndMail(id);
    await storage.createEscalationWithMail(first.escalation, first.mail);

    const second = escalationAndMail(id, first.mail.messageId);
    await expect(storage.createEscalationWithMail(second.escalation, second.mail)).rejects.toThrow();
    expect(await storage.getEscalation(second.escalation.id)).toBeUndefined();
    const outbox = await storage.listOutbox();
    expect(outbox.filter((m) => m.messageId === first.mail.messageId).map((m) => m.id)).toEqual([
      first.mail.id,
    ]);
    // The failed transaction left the connection usable.
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it('recording the same escalation again writes nothing and answers false', async () => {
    const { id } = await newConversation();
    const { escalation, mail } = escalationAndMail(id);
    expect(await storage.createEscalationWithMail(escalation, mail)).toBe(true);
    const retry = escalationAndMail(id);
    const again = await storage.createEscalationWithMail(escalation, { ...retry.mail });
    expect(again).toBe(false);
    const outbox = await storage.listOutbox();
    expect(outbox.filter((m) => m.escalationId === escalation.id).map((m) => m.id)).toEqual([mail.id]);
  });

  it('concurrent recordings of one escalation write it once', async () => {
    const { id } = await newConversation();
    const { escalation } = escalationAndMail(id);
    const handles = [storage, await racingHandle(), storage, await racingHandle()];
    const results = await Promise.all(
      handles.map((handle) =>
        handle.createEscalationWithMail(escalation, {
          ...escalationAndMail(id).mail,
          escalationId: escalation.id,
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const outbox = await storage.listOutbox();
    expect(outbox.filter((m) => m.escalationId === escalation.id)).toHaveLength(1);
  });

  it('an escalation with a shopper copy writes both mails with the envelope recipient', async () => {
    const { id } = await newConversation();
    const { escalation, mail } = escalationAndMail(id);
    const copy: NewOutboxMail = {
      ...mail,
      id: randomUUID(),
      messageId: `<${randomUUID()}@shop.example>`,
      replyTo: 'support@shop.example',
      envelopeTo: 'shopper@example.com',
    };
    await storage.createEscalationWithMail(escalation, [mail, copy]);
    const outbox = (await storage.listOutbox()).filter((m) => m.escalationId === escalation.id);
    expect(outbox.map((m) => [m.id, m.to, m.envelopeTo]).sort()).toEqual(
      [
        [mail.id, 'support@shop.example', null],
        [copy.id, 'support@shop.example', 'shopper@example.com'],
      ].sort(),
    );
  });

  it('listEscalations lists newest first, by status, within the limit', async () => {
    const { id } = await newConversation();
    const older = escalationAndMail(id);
    const newer = escalationAndMail(id);
    older.escalation.createdAt = new Date('2099-01-01T00:00:00.000Z');
    newer.escalation.createdAt = new Date('2099-01-02T00:00:00.000Z');
    await storage.createEscalationWithMail(older.escalation, older.mail);
    await storage.createEscalationWithMail(newer.escalation, newer.mail);
    const listed = await storage.listEscalations({ limit: 2 });
    expect(listed.map((e) => e.id)).toEqual([newer.escalation.id, older.escalation.id]);
    expect(listed[0]).toEqual({ ...newer.escalation, status: 'open' });
    expect(await storage.listEscalations({ status: 'resolved' })).toEqual([]);
  });

  describe('mail relay claims', () => {
    const T = Date.parse('2030-01-01T00:00:00.000Z');
    const at = (seconds: number) => new Date(T + seconds * 1000);

    /** Settles every mail other tests left due, so each claim test sees only its own. */
    async function drainOutbox(): Promise<void> {
      for (;;) {
        const claimed = await storage.claimDueMail({ now: at(1e9), leaseUntil: at(2e9), limit: 100 });
        if (claimed.length === 0) return;
        for (const m of claimed) await storage.markMailSent({ id: m.id, attempt: m.attempts }, at(0));
      }
    }

    /** Queues `count` mails due at `dueAt` seconds. */
    async function queue(count: number, dueAt = 0): Promise<NewOutboxMail[]> {
      const { id } = await newConversation();
      const mails: NewOutboxMail[] = [];
      for (let i = 0; i < count; i++) {
        const { escalation, mail } = escalationAndMail(id);
        const due = { ...mail, createdAt: at(dueAt) };
        await storage.createEscalationWithMail(escalation, due);
        mails.push(due);
      }
      return mails;
    }

    it('claims due pending mail with a lease, one more attempt and the first attempt time', async () => {
      await drainOutbox();
      const [due] = await queue(1, 0);
      await queue(1, 60);
      const claimed = await storage.claimDueMail({ now: at(10), leaseUntil: at(310), limit: 10 });
      expect(claimed).toEqual([
        {
          ...due,
          envelopeTo: null,
          status: 'sending',
          attempts: 1,
          nextAttemptAt: at(0),
          lastError: null,
          sentAt: null,
          leaseExpiresAt: at(310),
          firstAttemptAt: at(10),
        },
      ]);
      expect(await storage.claimDueMail({ now: at(10), leaseUntil: at(310), limit: 10 })).toEqual([]);
    });

    it('claims at most the limit, oldest due first', async () => {
      await drainOutbox();
      const later = await queue(1, 5);
      const earlier = await queue(2, 1);
      const first = await storage.claimDueMail({ now: at(10), leaseUntil: at(20), limit: 2 });
      expect(first.map((m) => m.id).sort()).toEqual(earlier.map((m) => m.id).sort());
      const second = await storage.claimDueMail({ now: at(10), leaseUntil: at(20), limit: 2 });
      expect(second.map((m) => m.id)).toEqual(later.map((m) => m.id));
    });

    it('re-claims a mail left sending once its lease expires, keeping the first attempt time', async () => {
      await drainOutbox();
      const [mail] = await queue(1);
      await storage.claimDueMail({ now: at(1), leaseUntil: at(100), limit: 1 });
      expect(await storage.claimDueMail({ now: at(99), leaseUntil: at(200), limit: 1 })).toEqual([]);
      const [again] = await storage.claimDueMail({ now: at(100), leaseUntil: at(200), limit: 1 });
      expect(again).toMatchObject({
        id: mail!.id,
        attempts: 2,
        firstAttemptAt: at(1),
        leaseExpiresAt: at(200),
      });
    });

    it('marks a claimed mail sent, but not through a stale claim', async () => {
      await drainOutbox();
      const [mail] = await queue(1);
      const [first] = await storage.claimDueMail({ now: at(1), leaseUntil: at(2), limit: 1 });
      const [second] = await storage.claimDueMail({ now: at(3), leaseUntil: at(100), limit: 1 });
      expect(await storage.markMailSent({ id: mail!.id, attempt: first!.attempts }, at(4))).toBe(false);
      expect(await storage.markMailSent({ id: mail!.id, attempt: second!.attempts }, at(5))).toBe(true);
      const [sent] = (await storage.listOutbox({ status: 'sent' })).filter((m) => m.id === mail!.id);
      expect(sent).toMatchObject({ status: 'sent', sentAt: at(5), leaseExpiresAt: null, attempts: 2 });
      expect(await storage.claimDueMail({ now: at(1e6), leaseUntil: at(2e6), limit: 10 })).toEqual([]);
    });

    it('a retried mail is due again at its next attempt, with the error kept', async () => {
      await drainOutbox();
      const [mail] = await queue(1);
      const [claimed] = await storage.claimDueMail({ now: at(1), leaseUntil: at(100), limit: 1 });
      const retry = { nextAttemptAt: at(31), error: '421 4.3.2 try again later' };
      expect(await storage.scheduleMailRetry({ id: mail!.id, attempt: claimed!.attempts }, retry)).toBe(true);
      const [pending] = (await storage.listOutbox({ status: 'pending' })).filter((m) => m.id === mail!.id);
      expect(pending).toMatchObject({ nextAttemptAt: at(31), lastError: retry.error, leaseExpiresAt: null });
      expect(await storage.claimDueMail({ now: at(30), leaseUntil: at(130), limit: 1 })).toEqual([]);
      const [again] = await storage.claimDueMail({ now: at(31), leaseUntil: at(131), limit: 1 });
      expect(again).toMatchObject({ id: mail!.id, attempts: 2, lastError: retry.error });
    });

    it('a failed mail is never claimed again', async () => {
      await drainOutbox();
      const [mail] = await queue(1);
      const [claimed] = await storage.claimDueMail({ now: at(1), leaseUntil: at(100), limit: 1 });
      expect(await storage.markMailFailed({ id: mail!.id, attempt: claimed!.attempts }, 'gave up')).toBe(
        true,
      );
      const [failed] = (await storage.listOutbox({ status: 'failed' })).filter((m) => m.id === mail!.id);
      expect(failed).toMatchObject({ lastError: 'gave up', leaseExpiresAt: null });
      expect(await storage.claimDueMail({ now: at(1e6), leaseUntil: at(2e6), limit: 10 })).toEqual([]);
    });

    it('concurrent claimers on two connections never get the same mail', async () => {
      await drainOutbox();
      const mails = await queue(24);
      const other = await racingHandle();
      const claimAll = async (handle: Storage): Promise<string[]> => {
        const ids: string[] = [];
        for (;;) {
          const claimed = await handle.claimDueMail({ now: at(1), leaseUntil: at(100), limit: 3 });
          if (claimed.length === 0) return ids;
          ids.push(...claimed.map((m) => m.id));
        }
      };
      const [a, b, c] = await Promise.all([claimAll(storage), claimAll(other), claimAll(other)]);
      const all = [...a, ...b, ...c];
      expect(new Set(all).size).toBe(all.length);
      expect(all.sort()).toEqual(mails.map((m) => m.id).sort());
    });
  });

  it('data survives close and reopen', async () => {
    const writer = await openAnother();
    const conversation = await writer.createConversation({
      id: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      locale: 'en',
      createdAt: new Date(),
    });
    const { message } = await writer.appendShopperMessage(shopper(conversation.id, 1));
    await writer.close();
    await expect(writer.ping()).rejects.toThrow(/closed/);

    const reader = await openAnother();
    expect(await reader.getConversation(conversation.id)).toEqual(conversation);
    expect(await reader.listMessages(conversation.id)).toEqual([message]);
  });

  it('dates round-trip as Date objects with the same millisecond', async () => {
    const createdAt = new Date('2023-12-31T23:59:59.999Z');
    const conversation = await newConversation(createdAt);
    const stored = await storage.getConversation(conversation.id);
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect(stored?.createdAt.getTime()).toBe(createdAt.getTime());
    expect(stored?.updatedAt.getTime()).toBe(createdAt.getTime());

    const messageAt = new Date('2024-02-29T12:34:56.789Z');
    const appended = await storage.appendShopperMessage({
      ...shopper(conversation.id, 1),
      createdAt: messageAt,
    });
    const [listed] = await storage.listMessages(conversation.id);
    expect(listed?.createdAt).toBeInstanceOf(Date);
    expect(listed?.createdAt.getTime()).toBe(messageAt.getTime());
    expect(appended.message.createdAt.getTime()).toBe(messageAt.getTime());

    const { escalation, mail } = escalationAndMail(conversation.id);
    await storage.createEscalationWithMail(escalation, mail);
    const storedEscalation = await storage.getEscalation(escalation.id);
    expect(storedEscalation?.createdAt).toBeInstanceOf(Date);
    expect(storedEscalation?.createdAt.getTime()).toBe(escalation.createdAt.getTime());
    const storedMail = (await storage.listOutbox()).find((m) => m.id === mail.id);
    expect(storedMail?.createdAt).toBeInstanceOf(Date);
    expect(storedMail?.nextAttemptAt.getTime()).toBe(mail.createdAt.getTime());
  });
});
