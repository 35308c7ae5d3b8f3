import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { SchemaCheckReport } from '../../registry/check/SchemaCheck.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const SUBGRAPHS = ['catalog', 'inventory', 'pricing', 'customer', 'content'];

/** Runs `npm run <script> -- …args` as npm would, in `cwd`: the script with tsx, in the checkout's folder. */
async function npmRun(cwd: string, script: 'schema' | 'compose', ...args: string[]) {
  const env = { ...process.env };
  delete env['REGISTRY_URL'];
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', tsx, path.join(root, 'scripts', `${script}.ts`), ...args],
      { cwd, env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** A git checkout of the schema files alone (supergraph.yaml, subgraphs' SDL, schema/, config/), on `main`. */
async function schemaCheckout(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'schema-check-'));
  await cp(path.join(root, 'supergraph.yaml'), path.join(directory, 'supergraph.yaml'));
  await cp(path.join(root, 'config'), path.join(directory, 'config'), { recursive: true });
  await cp(path.join(root, 'schema'), path.join(directory, 'schema'), {
    recursive: true,
    filter: (source) => !source.includes('__generated__'),
  });
  for (const name of SUBGRAPHS) {
    await mkdir(path.join(directory, 'subgraphs', name), { recursive: true });
    const file = path.join('subgraphs', name, 'schema.graphql');
    await cp(path.join(root, file), path.join(directory, file));
  }
  await git(directory, 'init', '-q', '-b', 'main');
  await git(directory, 'add', '.');
  await git(directory, 'commit', '-q', '-m', 'Schema as published');
  return directory;
}

function git(cwd: string, ...args: string[]) {
  return run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd });
}

/** Issue 17's first repro: pricing's Promotion.title from String! to Int!. */
async function breakPromotionTitle(directory: string): Promise<void> {
  const file = path.join(directory, 'subgraphs', 'pricing', 'schema.graphql');
  const sdl = await readFile(file, 'utf8');
  expect(sdl).toContain('  title: String!');
  await writeFile(file, sdl.replace('  title: String!', '  title: Int!'));
}

let checkout: string;
beforeAll(async () => {
  checkout = await schemaCheckout();
});
afterAll(() => rm(checkout, { recursive: true, force: true }));
afterEach(() => git(checkout, 'reset', '-q', '--hard', 'main'));

describe('npm run schema -- check (local mode)', () => {
  it("fails issue 17's first repro after npm run compose: exit 1, naming ProductPage for each client", async () => {
    await breakPromotionTitle(checkout);
    expect((await npmRun(checkout, 'compose')).code).toBe(0);
    const failing = await npmRun(checkout, 'schema', 'check', 'pricing');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      'Schema check: pricing, against schema/supergraph.graphql at merge-base HEAD main',
    );
    expect(failing.stdout).toContain(
      "breaking  Field 'Promotion.title' changed type from 'String!' to 'Int!'",
    );
    expect(failing.stdout).toContain(
      'BROKEN ProductPage (client storefront, schema/operations/ProductPage.graphql)',
    );
    expect(failing.stdout).toContain(
      'BROKEN ProductPage (client partner-dev, schema/persisted-query-manifest.json ProductPage)',
    );
    expect(failing.stdout).toMatch(
      /Result: FAILED \(2 broken operation\(s\); can be approved with a reason\)$/m,
    );

    // Without a subgraph, the changed ones are found; --json prints the report.
    const json = await npmRun(checkout, 'schema', 'check', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as SchemaCheckReport;
    expect(report).toMatchObject({ ok: false, approvable: true, changed: ['pricing'] });
    expect(
      report.operations.filter((check) => check.problems.length > 0).map((check) => check.client),
    ).toEqual(['storefront', 'partner-dev']);
  });

  it('measures against the ref --base names: the commit before a change, as CI does', async () => {
    await breakPromotionTitle(checkout);
    expect((await npmRun(checkout, 'compose')).code).toBe(0);
    await git(checkout, 'commit', '-q', '-am', 'Promotion.title is an Int');
    const againstParent = await npmRun(checkout, 'schema', 'check', '--base', 'HEAD^');
    expect(againstParent.code).toBe(1);
    expect(againstParent.stdout).toContain('BROKEN ProductPage (client storefront');
    const againstHead = await npmRun(checkout, 'schema', 'check', '--base', 'HEAD');
    expect(againstHead.code).toBe(0);
    expect(againstHead.stdout).toContain('Result: ok');
  });

  it('exits 2 when it cannot check: an unknown ref, an unknown subgraph, outside a git checkout', async () => {
    const unknownRef = await npmRun(checkout, 'schema', 'check', '--base', 'no-such-ref');
    expect(unknownRef).toMatchObject({ code: 2, stdout: '' });
    expect(unknownRef.stderr).toContain('Unknown git ref "no-such-ref": pass --base');
    const unknownSubgraph = await npmRun(checkout, 'schema', 'check', 'shipping');
    expect(unknownSubgraph.code).toBe(2);
    expect(unknownSubgraph.stderr).toContain(
      'Unknown subgraph "shipping"; supergraph.yaml has catalog, inventory',
    );

    const plain = await mkdtemp(path.join(tmpdir(), 'not-git-'));
    try {
      const outside = await npmRun(plain, 'schema', 'check');
      expect(outside.code).toBe(2);
      expect(outside.stderr).toMatch(
        /is not a git checkout, so there is no committed supergraph to check against/,
      );
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
    expect((await npmRun(checkout, 'schema', 'check', '--sdl', 'x.graphql')).code).toBe(2);
    expect((await npmRun(checkout, 'schema', 'publish-everything')).code).toBe(2);
  });
});
