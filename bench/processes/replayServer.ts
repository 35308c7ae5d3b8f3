/**
 * A recording proxy that becomes a replayer: `node --import tsx bench/processes/replayServer.ts --port 4300
 * --upstreams '{"catalog":"http://127.0.0.1:4101/graphql"}' [--replay]`. While recording, `POST /<route>` is
 * forwarded to the route's upstream and the answer kept under route, caller kind (anonymous or signed in) and
 * request body. After `POST /__replay` (or from the start with `--replay`) it answers from what it kept only, with
 * the same status, headers and bytes, and a miss is a 502; a request with `x-bench-record` is still forwarded and
 * kept. `GET /__stats` reports requests and misses. Used as canned subgraphs (gateway-only suite) and as the bare
 * `node:http` column.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { parseArgs } from 'node:util';

interface Answer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    upstreams: { type: 'string' },
    replay: { type: 'boolean', default: false },
  },
});
const upstreams = JSON.parse(values.upstreams ?? '{}') as Record<string, string>;
// Headers a proxy does not copy: they describe one connection, or change with every answer.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);
const SIGNED_IN_HEADERS = ['authorization', 'x-commerce-identity'];
const RECORD_HEADER = 'x-bench-record';

const answers = new Map<string, Answer>();
const stats = { requests: 0, misses: 0, recorded: 0 };
let replaying = values.replay;

const server = createServer(async (req, res) => {
  const route = (req.url ?? '/').slice(1);
  if (req.method === 'GET' && route === '__stats') return void res.end(JSON.stringify(stats));
  if (req.method === 'POST' && route === '__replay') {
    replaying = true;
    return void res.end(JSON.stringify({ recorded: answers.size }));
  }
  const body = await readBody(req);
  const key = `${route}\n${signedIn(req) ? 'signed-in' : 'anonymous'}\n${body.toString()}`;
  stats.requests += 1;
  const record = req.headers[RECORD_HEADER] !== undefined;
  let answer = record ? undefined : answers.get(key);
  if (!answer && (record || !replaying)) {
    answer = await forward(route, req, body);
    answers.set(key, answer);
    stats.recorded = answers.size;
  }
  if (!answer) {
    stats.misses += 1;
    return void res.writeHead(502, { 'content-type': 'text/plain' }).end(`not recorded: ${route}`);
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length }).end(answer.body);
});
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), '127.0.0.1');

async function forward(route: string, req: IncomingMessage, body: Buffer): Promise<Answer> {
  const upstream = upstreams[route];
  if (!upstream)
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('no route') };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !HOP_BY_HOP.has(name) && name !== 'host' && name !== RECORD_HEADER) {
      headers[name] = value;
    }
  }
  const response = await fetch(upstream, { method: 'POST', headers, body: body.toString() });
  const kept: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    // fetch has already decoded the body, so its encoding no longer applies.
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') kept[name] = value;
  });
  return { status: response.status, headers: kept, body: Buffer.from(await response.arrayBuffer()) };
}

function signedIn(req: IncomingMessage): boolean {
  return SIGNED_IN_HEADERS.some((name) => req.headers[name] !== undefined);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
