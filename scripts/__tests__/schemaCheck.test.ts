import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_OPERATION_LIMITS } from '../../gateway/limits/operationLimits.js';
import { runSchemaCheck, type SchemaCheckOptions, type SchemaCheckReport } from '../lib/runSchemaCheck.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalogFile = path.join(root, 'subgraphs', 'catalog', 'schema.graphql');

let directory: string;
let catalog: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'schema-check-'));
  catalog = await readFile(catalogFile, 'utf8');
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** The catalog SDL with `edit` applied to the body of `type Product`, written to a file of its own. */
async function proposedCatalog(name: string, edit: (body: string) => string): Promise<string> {
  const start = catalog.indexOf('type Product @key');
  const end = catalog.indexOf('\n}\n', start);
  expect(start).toBeGreaterThan(-1);
  const edited = catalog.slice(0, start) + edit(catalog.slice(start, end)) + catalog.slice(end);
  expect(edited).not.toBe(catalog);
  const file = path.join(directory, `${name}.graphql`);
  await writeFile(file, edited);
  return file;
}

function check(overrides: Partial<SchemaCheckOptions> = {}): Promise<SchemaCheckReport> {
  return runSchemaCheck({
    root,
    configPath: path.join(root, 'supergraph.yaml'),
    baselinePath: path.join(root, 'schema', 'supergraph.graphql'),
    operationsDir: path.join(root, 'schema', 'operations'),
    clientsPath: path.join(root, 'config', 'clients.json'),
    manifestPath: path.join(root, 'schema', 'persisted-query-manifest.json'),
    limits: DEFAULT_OPERATION_LIMITS,
    ...overrides,
  });
}

function broken(report: SchemaCheckReport): string[] {
  return report.operations
    .filter((operation) => operation.problems.length > 0)
    .map((operation) => `${operation.client}/${operation.operation}`);
}

const execFileAsync = promisify(execFile);

/** Runs `npm run schema:check -- ...args` as the script itself, with tsx. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  const script = path.join(root, 'scripts', 'schemaCheck.ts');
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
    });
    return { code: 0, stdout };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, stdout };
  }
}

describe('npm run schema:check', () => {
  it('passes the working tree, with every registered operation and each page operation cost', async () => {
    const report = await check();
    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([]);
    expect(report.operations.map((operation) => `${operation.client}/${operation.operation}`).sort()).toEqual(
      [
        'partner-dev/CategoryPage',
        'partner-dev/HomePage',
        'partner-dev/ProductPage',
        'storefront/CategoryPage',
        'storefront/HomePage',
        'storefront/ProductPage',
      ],
    );
    expect(report.costs.map(({ operation, cost, limit }) => ({ operation, cost, limit }))).toEqual([
      { operation: 'CategoryPage', cost: 699, limit: 10_000 },
      { operation: 'HomePage', cost: 1_550, limit: 10_000 },
      { operation: 'ProductPage', cost: 335, limit: 10_000 },
    ]);
    expect(report.costs[0]?.costliest[0]).toEqual({
      path: 'category.products.edges.node.badges.code',
      cost: 96,
    });
  });

  it("fails a field's type change and names each page operation that reads it, with its client", async () => {
    const sdlPath = await proposedCatalog('name-int', (body) =>
      body.replace('  name: String!', '  name: Int!'),
    );
    const report = await check({ subgraph: 'catalog', sdlPath });
    expect(report.ok).toBe(false);
    expect(report.changes).toEqual([
      expect.objectContaining({ criticality: 'breaking', type: 'FIELD_TYPE_CHANGED', path: 'Product.name' }),
    ]);
    expect(broken(report).sort()).toEqual([
      'partner-dev/CategoryPage',
      'partner-dev/HomePage',
      'partner-dev/ProductPage',
      'storefront/CategoryPage',
      'storefront/HomePage',
      'storefront/ProductPage',
    ]);
    const categoryPage = report.operations.find(
      (operation) => operation.client === 'storefront' && operation.operation === 'CategoryPage',
    );
    expect(categoryPage?.problems).toEqual([
      "uses Product.name: Field 'Product.name' changed type from 'String!' to 'Int!'",
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('passes an added field as a safe change', async () => {
    const sdlPath = await proposedCatalog('added', (body) => `${body}\n  subtitle: String`);
    const report = await check({ subgraph: 'catalog', sdlPath });
    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([
      expect.objectContaining({ criticality: 'safe', type: 'FIELD_ADDED', path: 'Product.subtitle' }),
    ]);
    expect(broken(report)).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('passes the removal of a field no operation reads, with a warning', async () => {
    const sdlPath = await proposedCatalog('removed-unused', (body) =>
      body.replace(/\n {2}"""\n {2}When the product was added[^"]*"""\n {2}createdAt: String!/, ''),
    );
    const report = await check({ subgraph: 'catalog', sdlPath });
    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([
      expect.objectContaining({
        criticality: 'breaking',
        type: 'FIELD_REMOVED',
        path: 'Product.createdAt',
      }),
    ]);
    expect(report.warnings).toEqual([
      "Breaking change no registered operation uses: Field 'createdAt' was removed from object type 'Product'",
    ]);
  });

  it("fails the removal of a field a page operation reads, with graphql-js's validation message", async () => {
    const sdlPath = await proposedCatalog('removed-used', (body) => body.replace(/\n {2}slug: String!/, ''));
    const report = await check({ subgraph: 'catalog', sdlPath });
    expect(report.ok).toBe(false);
    expect(broken(report)).toContain('storefront/CategoryPage');
    const problems = report.operations.find((operation) => operation.operation === 'CategoryPage')?.problems;
    expect(problems).toContainEqual(expect.stringMatching(/^Cannot query field "slug" on type "Product"\./));
  });

  it('fails on composition errors, naming the subgraph whose change causes them', async () => {
    const sdlPath = path.join(directory, 'pricing.graphql');
    await writeFile(
      sdlPath,
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])\n' +
        'type Query { offer: Product }\ntype Product @key(fields: "id") { id: ID!, name: Int! }\n',
    );
    const report = await check({ subgraph: 'pricing', sdlPath });
    expect(report.ok).toBe(false);
    expect(report.composition.ok).toBe(false);
    expect(report.composition.errors.length).toBeGreaterThan(0);
    expect(report.composition.errors.map((error) => error.subgraph)).toEqual(
      report.composition.errors.map(() => 'pricing'),
    );
    expect(report.composition.errors[0]?.message).toMatch(/Product\.name/);
    expect(report.operations).toEqual([]);
  });

  it('fails a page operation that would cost more than the limit', async () => {
    const report = await check({ limits: { ...DEFAULT_OPERATION_LIMITS, maxCost: 1_000 } });
    expect(report.ok).toBe(false);
    expect(broken(report)).toEqual(['storefront/HomePage']);
    const home = report.operations.find((operation) => operation.operation === 'HomePage');
    expect(home?.problems).toEqual(["costs 1550, over the gateway's limit of 1000"]);
  });

  it('runs as a command: exit 1 naming the broken operation and its client, exit 0 with --json', async () => {
    const failing = await cli(
      'catalog',
      '--sdl',
      await proposedCatalog('cli-int', (b) => b.replace('  name: String!', '  name: Int!')),
    );
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('BROKEN CategoryPage (client storefront, schema/operations)');
    expect(failing.stdout).toContain(
      "uses Product.name: Field 'Product.name' changed type from 'String!' to 'Int!'",
    );
    expect(failing.stdout).toMatch(/CategoryPage +699 {2}within the limit of 10000/);

    const passing = await cli(
      'catalog',
      '--sdl',
      await proposedCatalog('cli-added', (b) => `${b}\n  subtitle: String`),
      '--json',
    );
    expect(passing.code).toBe(0);
    const report = JSON.parse(passing.stdout) as SchemaCheckReport;
    expect(report).toMatchObject({ ok: true, subgraph: 'catalog', composition: { ok: true, errors: [] } });
    expect(report.changes.map((change) => change.path)).toEqual(['Product.subtitle']);

    const usage = await cli('--sdl', 'x.graphql');
    expect(usage.code).toBe(2);
  });
});
