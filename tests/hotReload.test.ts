import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaVersionOf } from '../gateway/schema/schemaVersion.js';
import { DEVELOPMENT_INTERNAL_SECRET } from '../contracts/internalIdentity.js';
import { composeSupergraph } from '../registry/check/composeSupergraph.js';
import { loadSubgraphSchemas } from '../scripts/lib/loadSubgraphSchemas.js';
import { readSupergraphConfig } from '../scripts/lib/readSupergraphConfig.js';
import { sample, scrape, seriesOf } from './support/prometheus.js';
import { operation, startStack, type Stack, type TestGateway } from './support/stack.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROBE_FIELD = 'hotReloadProbe';
const CATEGORY_FIELDS = '{ __type(name: "Category") { fields { name } } }';

/** The supergraph composed from the subgraphs' SDL, with the catalog's SDL changed by `edit`. */
async function composeWithCatalog(edit: (sdl: string) => string): Promise<string> {
  const config = await readSupergraphConfig(path.join(root, 'supergraph.yaml'));
  const subgraphs = await loadSubgraphSchemas(config.subgraphs, { secret: DEVELOPMENT_INTERNAL_SECRET });
  const result = composeSupergraph(
    subgraphs.map((subgraph) =>
      subgraph.name === 'catalog' ? { ...subgraph, sdl: edit(subgraph.sdl) } : subgraph,
    ),
  );
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

/** Edits the body of `type Category` in the catalog SDL. */
function editCategory(sdl: string, edit: (body: string) => string): string {
  const start = sdl.search(/^type Category\b[^{]*\{$/m);
  const open = sdl.indexOf('{', start) + 1;
  const close = sdl.indexOf('\n}', open);
  if (start < 0 || close < 0) throw new Error('no type Category in the catalog SDL');
  return sdl.slice(0, open) + edit(sdl.slice(open, close)) + sdl.slice(close);
}

/** Polls `check` until it holds; fails after `attempts` looks. */
async function until(check: () => Promise<boolean>, what: string, attempts = 600): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

interface Readiness {
  status: string;
  schemaVersion?: string;
  refusedSchemaVersion?: string;
}

async function readiness(gateway: TestGateway): Promise<Readiness> {
  return (await (await fetch(new URL('/health/ready', gateway.url))).json()) as Readiness;
}

const serving = (gateway: TestGateway, sdl: string) =>
  until(
    async () => (await readiness(gateway)).schemaVersion === schemaVersionOf(sdl),
    `version ${schemaVersionOf(sdl)} is served`,
  );

async function categoryFields(gateway: TestGateway): Promise<string[]> {
  const { body } = await gateway.post<{ __type: { fields: { name: string }[] } }>(CATEGORY_FIELDS);
  return body.data!.__type.fields.map((field) => field.name);
}

describe('supergraph hot reload', () => {
  let stack: Stack;
  let committed: string;
  let extended: string;
  let withoutChildren: string;
  let dir: string;
  let department: string;
  let productSlug: string;

  beforeAll(async () => {
    stack = await startStack({ RATE_LIMIT_ENABLED: 'false' });
    committed = await readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
    extended = await composeWithCatalog((sdl) =>
      editCategory(sdl, (body) => `\n  ${PROBE_FIELD}: String${body}`),
    );
    // `children` is read by the registered CategoryPage.
    withoutChildren = await composeWithCatalog((sdl) =>
      editCategory(sdl, (body) => body.replace(/\n {2}children\b[^\n]*/, '')),
    );
    dir = await mkdtemp(path.join(tmpdir(), 'supergraph-'));
    const [category] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY position, id LIMIT 1',
    );
    const [product] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.product ORDER BY id LIMIT 1',
    );
    department = category!.slug;
    productSlug = product!.slug;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  let gateways = 0;
  /** A gateway serving a supergraph file of its own, checked every 50 ms; `publish` replaces the file as deployments do. */
  async function gatewayOnFile(sdl: string, env: NodeJS.ProcessEnv = {}) {
    const file = path.join(dir, `supergraph-${++gateways}.graphql`);
    await writeFile(file, sdl);
    const gateway = await stack.startGateway({
      SUPERGRAPH_PATH: file,
      SUPERGRAPH_POLL_INTERVAL_MS: '50',
      ...env,
    });
    const publish = async (next: string) => {
      await writeFile(`${file}.next`, next);
      await rename(`${file}.next`, file);
    };
    return { gateway, publish };
  }

  it('swaps supergraphs back and forth under a stream of page requests, and no request fails', async () => {
    expect(schemaVersionOf(extended)).not.toBe(schemaVersionOf(committed));
    const { gateway, publish } = await gatewayOnFile(committed, { CACHE_ENABLED: 'false' });
    const pages = [
      { query: await operation('CategoryPage'), variables: { slug: department } },
      { query: await operation('ProductPage'), variables: { slug: productSlug } },
      { query: await operation('CategoryPage'), variables: { slug: department, first: 4 } },
    ];
    let streaming = true;
    const failures: unknown[] = [];
    const answeredUnder = new Map<string, number>();
    const stream = async (page: (typeof pages)[number]) => {
      while (streaming) {
        const { status, headers, body } = await gateway.post(page.query, page.variables);
        const version = headers.get('x-schema-version') ?? 'none';
        answeredUnder.set(version, (answeredUnder.get(version) ?? 0) + 1);
        if (status !== 200 || body.errors || !body.data) failures.push({ status, errors: body.errors });
      }
    };
    const streams = pages.map(stream);
    try {
      for (let round = 0; round < 3; round++) {
        await publish(extended);
        await serving(gateway, extended);
        expect(await categoryFields(gateway)).toContain(PROBE_FIELD);
        await publish(committed);
        await serving(gateway, committed);
        expect(await categoryFields(gateway)).not.toContain(PROBE_FIELD);
      }
    } finally {
      streaming = false;
      await Promise.all(streams);
    }
    expect(failures).toEqual([]);
    // The stream ran under both versions: requests were in flight across the swaps.
    expect([...answeredUnder.keys()].sort()).toEqual(
      [schemaVersionOf(committed), schemaVersionOf(extended)].sort(),
    );
  }, 120_000);

  it('refuses a file that is not a supergraph, and one that breaks a registered operation; keeps serving; takes the next valid one', async () => {
    const { gateway, publish } = await gatewayOnFile(committed);
    const categoryPage = await operation('CategoryPage');
    for (const refused of ['this is not a supergraph {', withoutChildren]) {
      await publish(refused);
      await until(
        async () => (await readiness(gateway)).refusedSchemaVersion === schemaVersionOf(refused),
        'the file is refused',
      );
      expect((await readiness(gateway)).schemaVersion).toBe(schemaVersionOf(committed));
      const page = await gateway.post(categoryPage, { slug: department });
      expect(page.status).toBe(200);
      expect(page.body.errors).toBeUndefined();
      expect(page.headers.get('x-schema-version')).toBe(schemaVersionOf(committed));
    }
    await publish(extended);
    await serving(gateway, extended);
    expect((await readiness(gateway)).refusedSchemaVersion).toBeUndefined();
    expect(await categoryFields(gateway)).toContain(PROBE_FIELD);

    // What monitoring sees: the version served, and each new file by what became of it.
    const samples = await scrape(gateway.metricsUrl);
    expect(seriesOf(samples, 'gateway_schema_info')).toEqual([
      `gateway_schema_info{version="${schemaVersionOf(extended)}"}`,
    ]);
    expect(sample(samples, 'gateway_schema_info', { version: schemaVersionOf(extended) })).toBe(1);
    expect(
      ['swapped', 'refused', 'unreadable'].map((outcome) =>
        sample(samples, 'gateway_schema_reloads_total', { outcome }),
      ),
    ).toEqual([1, 2, 0]);
  }, 60_000);

  describe('from a URL', () => {
    let registry: Server;
    let published: string;
    const conditional: (string | undefined)[] = [];

    beforeAll(async () => {
      published = committed;
      registry = createServer((req, res) => {
        const etag = `"${schemaVersionOf(published)}"`;
        conditional.push(req.headers['if-none-match']);
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag }).end();
          return;
        }
        res.writeHead(200, { etag, 'content-type': 'text/plain' }).end(published);
      });
      await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await new Promise((resolve) => registry.close(resolve));
    });

    it('polls with If-None-Match, reads nothing while it is unchanged, and swaps when it changes', async () => {
      const { port } = registry.address() as AddressInfo;
      const gateway = await stack.startGateway({
        SUPERGRAPH_URL: `http://127.0.0.1:${port}/supergraph.graphql?token=not-logged`,
        SUPERGRAPH_POLL_INTERVAL_MS: '50',
      });
      expect((await readiness(gateway)).schemaVersion).toBe(schemaVersionOf(committed));
      const etag = `"${schemaVersionOf(committed)}"`;
      await until(
        async () => conditional.filter((header) => header === etag).length >= 3,
        'three polls answered 304',
      );
      expect(conditional[0]).toBeUndefined();
      expect((await readiness(gateway)).schemaVersion).toBe(schemaVersionOf(committed));

      published = extended;
      await serving(gateway, extended);
      expect(await categoryFields(gateway)).toContain(PROBE_FIELD);
      const seen = conditional.length;
      await until(async () => conditional.length >= seen + 2, 'two more polls');
      expect(conditional.at(-1)).toBe(`"${schemaVersionOf(extended)}"`);
    }, 60_000);
  });

  it('does not answer from an entry cached under the previous schema version', async () => {
    const { gateway, publish } = await gatewayOnFile(committed);
    const categoryPage = await operation('CategoryPage');
    const first = await gateway.post(categoryPage, { slug: department });
    const second = await gateway.post(categoryPage, { slug: department });
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(second.headers.get('x-schema-version')).toBe(schemaVersionOf(committed));

    await publish(extended);
    await serving(gateway, extended);
    stack.reports.length = 0;
    const afterSwap = await gateway.post(categoryPage, { slug: department });
    expect(afterSwap.headers.get('x-cache')).toBe('MISS');
    expect(afterSwap.headers.get('x-schema-version')).toBe(schemaVersionOf(extended));
    expect(afterSwap.body).toEqual(second.body);
    // The entity layer is keyed by version too: the subgraphs were asked again.
    expect(new Set(stack.reports.map((report) => report.subgraph))).toEqual(
      new Set(['catalog', 'content', 'inventory', 'pricing']),
    );
    const again = await gateway.post(categoryPage, { slug: department });
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.headers.get('x-schema-version')).toBe(schemaVersionOf(extended));
  }, 60_000);
});
