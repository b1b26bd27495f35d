import { describe, expect, test } from 'vitest';
import { passwordProblem } from '../../../server/console/password-policy.ts';

describe('passwordProblem', () => {
  test.each([
    { name: 'a passphrase with inner spaces', password: 'correct horse battery staple' },
    { name: 'ten Japanese characters', password: 'すこやか定期便の合言葉' },
    { name: 'mixed characters', password: 'Tq7#mZ2!pL' },
  ])('accepts $name', ({ password }) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  test.each([
    { name: 'ten spaces', password: ' '.repeat(10), problem: 'CONSOLE_ERR_PASSWORD_TOO_SHORT' },
    {
      name: 'zero-width spaces around nine letters',
      password: '\u200bTq7#mZ2!p\u200b',
      problem: 'CONSOLE_ERR_PASSWORD_TOO_SHORT',
    },
    {
      name: 'a BOM-padded short password',
      password: '\ufeffshort\ufeff',
      problem: 'CONSOLE_ERR_PASSWORD_TOO_SHORT',
    },
    { name: 'a listed password in capitals', password: 'QWERTYUIOP', problem: 'CONSOLE_ERR_PASSWORD_COMMON' },
    { name: 'one character repeated', password: 'aaaaaaaaaaaa', problem: 'CONSOLE_ERR_PASSWORD_COMMON' },
    { name: 'a run of digits', password: '98765432109876', problem: 'CONSOLE_ERR_PASSWORD_COMMON' },
  ])('refuses $name', ({ password, problem }) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
