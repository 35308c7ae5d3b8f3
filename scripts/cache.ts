/**
 * `npm run cache -- purge --tag Product:42 [--tag …] | --type Product | --all` purges the gateway's caches;
 * `npm run cache -- stats` prints its cache counters. Talks to the gateway's admin endpoints (`--url`, default
 * http://127.0.0.1:<GATEWAY_PORT>) as an administrator: with `ADMIN_TOKEN` (an admin access token from the identity
 * provider, required when the gateway uses AUTH_JWKS_URL), else with a short-lived token signed with AUTH_SECRET.
 */
import { parseArgs } from 'node:util';
import { adminAccess, type AdminAccess } from './lib/adminAccess.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    tag: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});

let access: AdminAccess;
try {
  access = await adminAccess(process.env, values.url);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const { base } = access;
const headers = { authorization: access.authorization, 'content-type': 'application/json' };

const [command] = positionals;
let response: Response;
if (command === 'stats') {
  response = await fetch(new URL('/admin/cache/stats', base), { headers });
} else if (command === 'purge' && (values.all || values.tag?.length || values.type?.length)) {
  const body = values.all
    ? { all: true }
    : values.type?.length
      ? { types: values.type }
      : { tags: values.tag };
  response = await fetch(new URL('/admin/cache/purge', base), {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
} else {
  console.error(
    'Usage: npm run cache -- purge (--tag Product:42 … | --type Product … | --all) | stats [--url URL]',
  );
  process.exit(2);
}
console.log(JSON.stringify(await response.json(), null, 2));
process.exit(response.ok ? 0 : 1);
