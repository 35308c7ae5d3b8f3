/**
 * `npm run cache -- purge --tag Product:42 [--tag …] | --type Product | --all` purges the gateway's caches;
 * `npm run cache -- stats` prints its cache counters. Talks to the gateway's admin endpoints (`--url`, default
 * http://127.0.0.1:4000) with a short-lived admin token signed with the gateway's AUTH_SECRET.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../gateway/config.js';
import { signIdentityToken } from '../gateway/identity.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    tag: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});

const config = loadConfig(process.env);
const base = values.url ?? `http://127.0.0.1:${config.port}`;
const token = await signIdentityToken('cache-cli', { roles: ['admin'] }, config.auth, '5m');
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

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
