import type { Money } from './__generated__/resolvers.js';

/** What `setPrice` accepts for an amount: up to 9 integer digits and up to 2 fraction digits, no sign. */
export const AMOUNT_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;

/**
 * Money from a stored amount (a decimal string with two fraction digits, as PostgreSQL prints `numeric(12,2)`:
 * "19.99") and its currency.
 */
export function moneyOf(amount: string, currency: Money['currency']): Money {
  return { amount, currency };
}

/**
 * An amount typed by a caller, in cents, or null when it does not match `AMOUNT_PATTERN`. Cents are integers
 * well below 2^53, so comparing them is exact where comparing decimal floats would not be.
 */
export function parseAmountCents(value: string): number | null {
  if (!AMOUNT_PATTERN.test(value)) return null;
  const [whole = '0', fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
