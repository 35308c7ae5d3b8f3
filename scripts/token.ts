/**
 * `npm run token -- --customer 3` prints a development access token for seeded customer 3 (with the segment the
 * seed gave them); `npm run token -- --admin` prints one for an administrator. Signed with the gateway's
 * AUTH_SECRET (the development key unless set), valid for 12 hours.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../gateway/config.js';
import { signIdentityToken } from '../gateway/identity.js';
import { segmentOf } from '../subgraphs/shared/seedPlan.js';

const { values } = parseArgs({
  options: {
    customer: { type: 'string' },
    segment: { type: 'string' },
    admin: { type: 'boolean', default: false },
    expires: { type: 'string', default: '12h' },
  },
});

if (!values.customer && !values.admin) {
  console.error('Usage: npm run token -- --customer <id> [--segment new|regular|vip] | --admin');
  process.exit(2);
}
const subject = values.customer ?? 'admin';
if (!/^[A-Za-z0-9_-]{1,64}$/.test(subject)) {
  console.error('--customer takes a seeded customer id, e.g. 3');
  process.exit(2);
}
const customerId = Number(subject);
const segment =
  values.segment ?? (Number.isInteger(customerId) && customerId > 0 ? segmentOf(customerId) : undefined);
const token = await signIdentityToken(
  subject,
  { ...(segment ? { segment } : {}), roles: values.admin ? ['admin'] : [] },
  loadConfig(process.env).auth,
  values.expires,
);
console.log(token);
