/**
 * GET /chat (WebSocket): the shopper chat protocol (docs/protocol.md). Each socket gets a ChatSession;
 * oversized frames are refused by ws itself (maxPayload → close 1009).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { BusinessCalendar } from '../../bot/calendar/business-calendar.ts';
import { ChatSession } from '../chat/chat-session.ts';

export interface ChatRouteOptions {
  maxTextLength: number;
  now: () => Date;
  /** The shop's business calendar (shop status and greeting in `welcome`). */
  calendar: BusinessCalendar;
}

const chat: FastifyPluginAsync<ChatRouteOptions> = async (fastify, options) => {
  fastify.get('/chat', { websocket: true }, (socket, request) => {
    const session = new ChatSession(
      {
        storage: fastify.storage,
        getBot: () => fastify.botRuntime.current(),
        now: options.now,
        calendar: options.calendar,
        escalations: fastify.escalations,
        actions: fastify.actions,
        maxTextLength: options.maxTextLength,
        log: request.log,
      },
      (frame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      },
    );
    socket.on('message', (data, isBinary) => {
      void session.handleRaw(isBinary ? '' : data.toString());
    });
    socket.on('error', (error) => request.log.warn({ err: error }, 'chat socket error'));
  });
};

export default chat;
