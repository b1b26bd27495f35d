/** The console's pages: route, navigation label, the permission that shows them. */
import type { Permission } from '../../../server/console/roles.ts';
import type { Translation } from '../../translations/index.ts';

/** One page of the console. */
export interface ConsolePage {
  /** The first segment of its hash (`#/intents`). */
  route: string;
  /** Its navigation label's translation key. */
  label: keyof Translation;
  /** Shown only to users with this permission. */
  permission: Permission;
}

/** In navigation order. */
export const PAGES: readonly ConsolePage[] = [
  { route: 'intents', label: 'navIntents', permission: 'corpus:read' },
  { route: 'try', label: 'navTry', permission: 'corpus:read' },
  { route: 'models', label: 'navModels', permission: 'corpus:read' },
  { route: 'unanswered', label: 'navUnanswered', permission: 'unanswered:review' },
  { route: 'escalations', label: 'navEscalations', permission: 'escalations:read' },
  { route: 'analytics', label: 'navAnalytics', permission: 'analytics:read' },
  { route: 'outbox', label: 'navOutbox', permission: 'outbox:read' },
  { route: 'actions', label: 'navActions', permission: 'escalations:read' },
  { route: 'users', label: 'navUsers', permission: 'users:manage' },
  { route: 'privacy', label: 'navPrivacy', permission: 'privacy:delete' },
];
