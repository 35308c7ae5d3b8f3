import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';

const execFileAsync = promisify(execFile);

/** Runs `file` with `args` from the project root; a failure's message carries what it printed (tsc's errors). */
async function run(file: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(file, args, { cwd: root });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBGRAPHS = ['catalog', 'inventory', 'pricing', 'customer', 'content'];

// `npm run build`'s two steps, into a folder of its own inside the project so that the compiled code finds
// node_modules as dist/ does.
describe('npm run build', () => {
  let outDir: string;
  let gateway: LoggedProcess | undefined;

  beforeAll(async () => {
    await mkdir(path.join(root, '.data'), { recursive: true });
    outDir = await mkdtemp(path.join(root, '.data', 'build-'));
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir]);
    await run(process.execPath, [path.join(outDir, 'scripts', 'copyBuildAssets.js')]);
  }, 300_000);

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
    if (outDir) await rm(outDir, { recursive: true, force: true });
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
