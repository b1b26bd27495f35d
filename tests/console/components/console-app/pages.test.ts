import { describe, expect, test } from 'vitest';
import { PAGES } from '../../../../console/components/console-app/pages.ts';
import { TRANSLATIONS } from '../../../../console/translations/index.ts';
import { permissionsOf } from '../../../../server/console/roles.ts';

describe('PAGES', () => {
  test('routes are unique', () => {
    const routes = PAGES.map((p) => p.route);
    expect(new Set(routes).size).toBe(routes.length);
  });

  test('every page has a navigation label in both languages', () => {
    for (const page of PAGES) {
      expect(TRANSLATIONS.ja[page.label], page.route).toBeTypeOf('string');
      expect(TRANSLATIONS.en[page.label], page.route).toBeTypeOf('string');
    }
  });

  test('an admin sees every page; an operator only escalations, analytics, outbox and the bot actions', () => {
    const visible = (role: 'admin' | 'operator') =>
      PAGES.filter((p) => permissionsOf(role).includes(p.permission)).map((p) => p.route);
    expect(visible('admin')).toEqual(PAGES.map((p) => p.route));
    expect(visible('operator')).toEqual(['escalations', 'analytics', 'outbox', 'actions']);
  });
});
