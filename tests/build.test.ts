import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { buildProject, run, type Build } from './support/build.js';

const SUBGRAPHS = ['catalog', 'inventory', 'pricing', 'customer', 'content'];

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
