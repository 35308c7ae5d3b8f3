import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { DEVELOPMENT_INTERNAL_SECRET } from '../../../contracts/internalIdentity.js';
import { RegistryClient } from '../../../registry/client/RegistryClient.js';
import {
  serveTestSubgraph,
  type TestSubgraph,
} from '../../../registry/__tests__/support/serveTestSubgraph.js';
import {
  startTestRegistry,
  TEST_TOKENS,
  type TestRegistry,
} from '../../../registry/__tests__/support/startTestRegistry.js';
import { publishWorkingTree, WORKING_TREE_APPROVAL } from '../../lib/publishWorkingTree.js';
import { check } from '../check.js';
import { loadSchemaConfig } from '../config.js';
import { history } from '../history.js';
import { publish } from '../publish.js';
import { rollback } from '../rollback.js';
import { CannotRun, type SchemaCommand } from '../SchemaCommand.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const PRODUCTS = `${LINK}
type Query { product(id: ID!): Product }
type Product @key(fields: "id") { id: ID! name: String }`;
const REVIEWS = `${LINK}
type Product @key(fields: "id") { id: ID! rating: Int }`;

/** Runs `command` as `npm run schema` would, in `root`: its exit code and what it printed. */
async function runCommand(
  command: SchemaCommand,
  argv: string[],
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  try {
    return { code: await command.run(argv, loadSchemaConfig(env, root)), out: out.join('\n'), err: '' };
  } catch (error) {
    if (error instanceof CannotRun) return { code: 2, out: out.join('\n'), err: error.message };
    throw error;
  } finally {
    log.mockRestore();
  }
}

describe('npm run schema -- publish | history | rollback | check, against a registry', () => {
  let registry: TestRegistry;
  let products: TestSubgraph;
  let reviews: TestSubgraph;
  let root: string;
  let env: NodeJS.ProcessEnv;
  const run = (command: SchemaCommand, ...argv: string[]) => runCommand(command, argv, root, env);
  const writeSchema = (name: string, sdl: string) => writeFile(path.join(root, `${name}.graphql`), sdl);

  beforeAll(async () => {
    [registry, products, reviews] = await Promise.all([
      startTestRegistry(),
      serveTestSubgraph(PRODUCTS, DEVELOPMENT_INTERNAL_SECRET),
      serveTestSubgraph(REVIEWS, DEVELOPMENT_INTERNAL_SECRET),
    ]);
    // A repository of its own: supergraph.yaml, two schema files, one page operation, no partner clients.
    root = await mkdtemp(path.join(tmpdir(), 'schema-commands-'));
    await mkdir(path.join(root, 'schema', 'operations'), { recursive: true });
    await writeSchema('products', PRODUCTS);
    await writeSchema('reviews', REVIEWS);
    await writeFile(
      path.join(root, 'supergraph.yaml'),
      [
        'subgraphs:',
        ...[
          ['products', products.url],
          // Not where it runs: SUBGRAPH_REVIEWS_URL says where, as a deployment's settings do.
          ['reviews', 'http://127.0.0.1:9/graphql'],
        ].flatMap(([name, url]) => [
          `  ${name}:`,
          `    routing_url: ${url}`,
          `    schema:`,
          `      file: ./${name}.graphql`,
        ]),
      ].join('\n'),
    );
    await writeFile(
      path.join(root, 'schema', 'operations', 'ProductPage.graphql'),
      'query ProductPage($id: ID!) { product(id: $id) { name rating } }\n',
    );
    await writeFile(path.join(root, 'schema', 'operations', 'ProductPage.variables.json'), '{ "id": "1" }');
    await writeFile(path.join(root, 'clients.json'), '[]');
    env = {
      REGISTRY_URL: registry.url,
      REGISTRY_TOKEN: TEST_TOKENS.admin,
      CLIENTS_PATH: 'clients.json',
      SUBGRAPH_REVIEWS_URL: reviews.url,
      USER: 'ada',
    };
  });
  afterAll(async () => {
    await Promise.all([registry?.stop(), products?.close(), reviews?.close()]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('seeds the registry with publish --all: every subgraph in one version at SUBGRAPH_<NAME>_URL where set, then the page operations', async () => {
    const seeded = await run(publish, '--all', '--author', 'ada', '--commit', 'abc123');
    expect(seeded).toMatchObject({ code: 0 });
    expect(seeded.out).toContain('Published: version 1');
    expect(seeded.out).toContain('Registered 1 operation(s) of storefront.');
    const { snapshot } = (await registry.request('GET', '/versions/1')).body as {
      snapshot: { url: string }[];
    };
    expect(snapshot.map((subgraph) => subgraph.url)).toEqual([products.url, reviews.url]);
    const operations = (await registry.request('GET', '/operations')).body as { operations: unknown[] };
    expect(operations.operations).toEqual([
      expect.objectContaining({
        client: 'storefront',
        name: 'ProductPage',
        source: 'schema/operations/ProductPage.graphql',
        variables: { id: '1' },
      }),
    ]);
  });

  it('exits 1 naming the field when the running subgraph does not serve the SDL yet, and 0 once it does', async () => {
    const withPrice = PRODUCTS.replace('name: String', 'name: String price: Int');
    await writeSchema('products', withPrice);
    const early = await run(publish, 'products');
    expect(early.code).toBe(1);
    expect(early.out).toBe(
      `Refused (SUBGRAPH_NOT_DEPLOYED): products at ${products.url} does not serve Product.price yet: ` +
        'deploy the subgraph first, then publish',
    );
    products.deploy(withPrice);
    const published = await run(publish, 'products', '--author', 'grace@example.com');
    expect(published.code).toBe(0);
    expect(published.out).toContain('Published: version 2');
  });

  it('checks against the registry: exit 1 for a change that breaks ProductPage, exit 0 for one that does not', async () => {
    const breaking = path.join(root, 'breaking.graphql');
    await writeFile(breaking, PRODUCTS.replace('name: String', 'price: Int'));
    const failed = await run(check, 'products', '--sdl', breaking);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('against registry version 2');
    expect(failed.out).toContain('ProductPage');
    const fine = await run(check, 'products', '--json');
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.out)).toMatchObject({ ok: true, changed: ['products'] });
  });

  it('refuses a breaking publish with exit 1 and the report, and publishes it with --approve', async () => {
    const breaking = path.join(root, 'breaking.graphql');
    const refused = await run(publish, 'products', '--sdl', breaking, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ error: { code: 'CHECK_FAILED', report: { ok: false } } });

    const approved = await run(
      publish,
      'products',
      '--sdl',
      breaking,
      '--approve',
      'ProductPage drops name',
      '--author',
      'ada',
    );
    expect(approved.code).toBe(0);
    expect(approved.out).toContain('Published: version 3 ');
    expect(approved.out).toContain('approved past the failed check');
    expect(approved.out).toContain('ProductPage (storefront)');
  });

  it('lists the history as a table, newest first, with author, commit, action, approval and changes', async () => {
    const listed = await run(history);
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.out.split('\n');
    expect(header).toMatch(
      /^version\s+time \(UTC\)\s+author\s+commit\s+action\s+subgraphs\s+changes b\/d\/s\s+approval$/,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^3 .* ada .* publish\s+products\s+1\/0\/0\s+ProductPage drops name$/);
    expect(rows[1]).toMatch(/^2 .* grace@example\.com .* publish\s+products\s+0\/0\/1\s*$/);
    expect(rows[2]).toMatch(/^1 .* ada\s+abc123\s+publish\s+products,reviews\s+0\/0\/0\s*$/);
    const json = await run(history, '--json', '--limit', '1');
    expect(JSON.parse(json.out)).toEqual([
      expect.objectContaining({ version: 3, approval: { reason: 'ProductPage drops name' } }),
    ]);
  });

  it('rolls back to a version, and exits 2 for one that does not exist', async () => {
    const rolledBack = await run(rollback, '2');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.out).toContain('Rolled back to version 2: version 4');
    const missing = await run(rollback, '40');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('VERSION_NOT_FOUND');
  });

  it("publishes npm start's working tree even when it fails the check, approved and printing the failures", async () => {
    await writeSchema('products', PRODUCTS.replace('name: String', 'price: Int'));
    const out: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      await publishWorkingTree(
        new RegistryClient({ url: registry.url, token: TEST_TOKENS.admin }),
        loadSchemaConfig(env, root),
        pino({ level: 'silent' }),
      );
    } finally {
      log.mockRestore();
      await writeSchema('products', PRODUCTS);
    }
    expect(out.join('\n')).toContain(
      'The working tree fails the schema check; published as version 5 anyway',
    );
    expect(out.join('\n')).toContain('ProductPage (storefront, schema/operations/ProductPage.graphql)');
    const { versions } = (await registry.request('GET', '/versions?limit=1')).body as {
      versions: { approval: { reason: string } | null }[];
    };
    expect(versions[0]?.approval).toEqual({ reason: WORKING_TREE_APPROVAL });
  });

  it('exits 2 for bad arguments, a missing REGISTRY_URL or a token the registry does not know, never echoing it', async () => {
    expect((await run(publish)).code).toBe(2);
    expect((await run(rollback, 'latest')).code).toBe(2);
    const unpublished = await run(check, 'ratings', '--sdl', path.join(root, 'reviews.graphql'));
    expect(unpublished).toMatchObject({
      code: 2,
      err: expect.stringContaining('ratings is not published yet'),
    });
    const noRegistry = await runCommand(history, [], root, { ...env, REGISTRY_URL: '' });
    expect(noRegistry).toMatchObject({ code: 2, err: expect.stringContaining('set REGISTRY_URL') });
    const badToken = await runCommand(history, [], root, { ...env, REGISTRY_TOKEN: 'not-the-token-123' });
    expect(badToken.code).toBe(2);
    expect(badToken.err).toContain('UNAUTHENTICATED');
    expect(badToken.err).not.toContain('not-the-token-123');
  });

  it('exits 2 naming the URL when the registry does not answer, through npm run schema', async () => {
    const repository = fileURLToPath(new URL('../../..', import.meta.url));
    const failed = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/schema.ts', 'history'],
      {
        cwd: repository,
        env: {
          PATH: process.env['PATH'],
          REGISTRY_URL: 'http://127.0.0.1:1',
          REGISTRY_TOKEN: 'secret-token-value',
        },
      },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      'Cannot reach the registry at http://127.0.0.1:1',
    );
    expect((failed as { stderr: string }).stderr).not.toContain('secret-token-value');
  }, 30_000);
});
