/**
 * The Luhn (mod 10) check digit test that every payment card number passes (ISO/IEC 7812-1). It also
 * passes for one in ten random digit strings, so masking pairs it with the card brands' prefixes.
 */

/** True when `digits` (ASCII 0–9 only, at least two) has a valid Luhn check digit. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]{2,}$/u.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}
