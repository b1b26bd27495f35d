/** The escalation page's reply to the shopper and its staff lines, in English (same keys as ja-staff-replies.ts). */
import type { jaStaffReplies } from './ja-staff-replies.ts';

export const enStaffReplies: typeof jaStaffReplies = {
  replyToShopper: 'Reply to the shopper',
  replyHelp: (email: string) =>
    `In the chat, the reply shows at once in the shopper's open chat, or on their next visit with an unread badge. On LINE it is a LINE message (a push, which costs money). By mail it goes to ${email} through the outbox.`,
  replyVia: 'Send by',
  replyVia_web: 'Chat (widget)',
  replyVia_line: 'LINE message',
  replyVia_mail: 'Mail',
  subject: 'Subject (mail only)',
  subjectPlaceholder: 'Leave empty for the default',
  message: 'Message',
  sendReply: 'Send reply',
  replyQueued: 'Reply queued in the outbox.',
  replySent_web:
    'Reply sent in the chat: the shopper sees it at once if the chat is open, otherwise on their next visit.',
  replySent_line: 'Reply sent as a LINE message.',
  replyFallback:
    'The chat no longer reaches the shopper (e.g. they blocked the LINE account): the reply was queued by mail.',
  staffLine: 'Staff',
  staffSeen: (when: string) => `seen ${when}`,
  staffUnseen: 'not seen yet',
};
