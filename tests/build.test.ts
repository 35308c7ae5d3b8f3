import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { ASSET_FOLDERS, REPOSITORY_FILES } from '../scripts/lib/copyBuildAssets.js';
import { buildProject, run, type Build } from './support/build.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBGRAPHS = supergraphSubgraphs().map((subgraph) => subgraph.name);

/** The files under `folder` of `base`, relative to `base`, that `keep` accepts; none when it does not exist. */
function filesUnder(base: string, folder: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(path.join(base, folder))) return [];
  return readdirSync(path.join(base, folder), { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => keep(file) && !file.split(path.sep).includes('__tests__'))
    .sort();
}

// `npm run build`'s two steps, into a folder of its own inside the project so that the compiled code finds
// node_modules as dist/ does.
describe('npm run build', () => {
  let build: Build | undefined;
  let outDir: string;
  let gateway: LoggedProcess | undefined;

  beforeAll(async () => {
    build = await buildProject();
    outDir = build.outDir;
  }, 300_000);

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    await build?.remove();
  });

  it('copies the assets of every folder it compiles', () => {
    const { include } = JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    // scripts/ reads the repository's files (REPOSITORY_FILES), none of its own.
    expect(include.filter((folder) => folder !== 'scripts')).toEqual([...ASSET_FOLDERS]);
  });

  it('compiles the programs and none of the tests', () => {
    expect(existsSync(path.join(outDir, 'gateway', 'main.js'))).toBe(true);
    expect(existsSync(path.join(outDir, 'subgraphs', 'main.js'))).toBe(true);
    expect(existsSync(path.join(outDir, 'contracts', 'errors.js'))).toBe(true);
    expect(existsSync(path.join(outDir, 'tests'))).toBe(false);
    expect(existsSync(path.join(outDir, 'gateway', '__tests__'))).toBe(false);
  });

  it('puts the files the compiled code reads beside itself next to it', () => {
    for (const name of SUBGRAPHS) {
      expect([name, existsSync(path.join(outDir, 'subgraphs', name, 'schema.graphql'))]).toEqual([
        name,
        true,
      ]);
      expect([name, existsSync(path.join(outDir, 'subgraphs', name, 'migrations', '001_init.sql'))]).toEqual([
        name,
        true,
      ]);
    }
    expect(existsSync(path.join(outDir, 'gateway', 'frontDoor', 'static', 'frontDoor.js'))).toBe(true);
    expect(existsSync(path.join(outDir, 'subgraphs', 'README.md'))).toBe(false);
    // The registry's migrations, and every program of registry/ compiled.
    const isSql = (file: string) => file.endsWith('.sql');
    expect(filesUnder(outDir, 'registry', isSql)).toEqual(filesUnder(root, 'registry', isSql));
    const sources = filesUnder(root, 'registry', (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect([source, existsSync(path.join(outDir, source.replace(/\.ts$/, '.js')))]).toEqual([source, true]);
    }
  });

  it('puts what `schema.js publish --all` reads beside the compiled scripts', () => {
    // The repository's files the scripts read, at the same paths under the output as under the sources.
    const copied = (base: string) =>
      REPOSITORY_FILES.flatMap((entry) => {
        if (!existsSync(path.join(base, entry))) return [];
        if (statSync(path.join(base, entry)).isFile()) return [entry];
        return filesUnder(
          base,
          entry,
          (file) => !file.endsWith('.ts') && statSync(path.join(base, file)).isFile(),
        );
      });
    expect(copied(outDir)).toEqual(copied(root));
    expect(copied(outDir)).toEqual(
      expect.arrayContaining([
        'supergraph.yaml',
        path.join('config', 'clients.json'),
        path.join('schema', 'persisted-query-manifest.json'),
        path.join('schema', 'operations', 'ProductPage.graphql'),
      ]),
    );
    // supergraph.yaml's schema files resolve inside the output, as they do in the sources.
    const config = parse(readFileSync(path.join(outDir, 'supergraph.yaml'), 'utf8')) as {
      subgraphs: Record<string, { schema: { file: string } }>;
    };
    for (const [name, { schema }] of Object.entries(config.subgraphs)) {
      expect([name, existsSync(path.resolve(outDir, schema.file))]).toEqual([name, true]);
    }
  });

  it('loads every subgraph, schema and migrations included, with node alone', async () => {
    const script = `
      const { subgraphs } = await import(${JSON.stringify(path.join(outDir, 'subgraphs', 'index.js'))});
      const { existsSync } = await import('node:fs');
      console.log(JSON.stringify(subgraphs.map((s) => [s.name, s.typeDefs.kind, existsSync(s.migrationsDir)])));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual(SUBGRAPHS.map((name) => [name, 'Document', true]));
  }, 60_000);

  it('runs the gateway with node alone: ready, answering queries and serving the IDE', async () => {
    gateway = startLoggedCommand(process.execPath, [path.join(outDir, 'gateway', 'main.js')], {
      PATH: process.env['PATH'],
      GATEWAY_WORKERS: '1',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'info',
    });
    const [ready] = await gateway.waitFor((line) => line.msg === 'gateway ready', 1, 120_000);
    const url = new URL(String(ready!['url']));

    expect((await fetch(new URL('/health/ready', url))).status).toBe(200);
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    const ide = await fetch(new URL('/', url), { headers: { accept: 'text/html' } });
    expect([ide.status, ide.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('text/html'),
    ]);
  }, 180_000);
});
