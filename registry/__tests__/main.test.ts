import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** Runs `registry/main.ts` with exactly `env` until it exits. */
function runRegistry(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env['PATH'], REGISTRY_PORT: '0', ...env },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function fatalLines(stdout: string): { msg: string; err: { message: string } }[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { level: number; msg: string; err: { message: string } })
    .filter((line) => line.level === 60);
}

describe('registry/main.ts', () => {
  it('logs a bad setting as one JSON line naming the variable, and exits 1', async () => {
    const failed = await runRegistry({ REGISTRY_PORT: 'eighty' });
    expect(failed.code).toBe(1);
    expect(failed.stdout.trim().split('\n')).toHaveLength(1);
    expect(fatalLines(failed.stdout)).toEqual([
      expect.objectContaining({
        msg: 'registry could not start',
        err: expect.objectContaining({
          message: 'REGISTRY_PORT is "eighty"; use a whole number from 0 to 65535',
        }),
      }),
    ]);
  }, 30_000);

  it('refuses to start in production on development tokens, naming the variable', async () => {
    const failed = await runRegistry({ NODE_ENV: 'production', INTERNAL_AUTH_SECRET: 'x'.repeat(40) });
    expect(failed.code).toBe(1);
    expect(fatalLines(failed.stdout)[0]?.err.message).toBe(
      'REGISTRY_ADMIN_TOKEN must be set when NODE_ENV=production',
    );
  }, 30_000);

  it('logs a database it cannot reach without the password or the tokens it was given', async () => {
    const secrets = {
      REGISTRY_ADMIN_TOKEN: 'admin-token-not-in-any-log-0123456789abcdef',
      REGISTRY_PUBLISH_TOKENS: 'catalog=publish-token-not-in-any-log-0123456789',
    };
    const failed = await runRegistry({
      ...secrets,
      REGISTRY_DATABASE_URL: 'postgres://registry:password-not-in-any-log@127.0.0.1:1/registry',
    });
    expect(failed.code).toBe(1);
    expect(fatalLines(failed.stdout)).toEqual([
      expect.objectContaining({
        msg: 'registry could not start',
        err: expect.objectContaining({ code: 'ECONNREFUSED' }),
      }),
    ]);
    for (const secret of ['password-not-in-any-log', 'admin-token-not-in-any', 'publish-token-not-in-any']) {
      expect(failed.stdout + failed.stderr).not.toContain(secret);
    }
  }, 30_000);

  it('serves until SIGTERM, then stops and exits 0', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'registry-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { PATH: process.env['PATH'], REGISTRY_PORT: '0', REGISTRY_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let url: string | undefined;
      for await (const line of lines) {
        const entry = JSON.parse(line) as { msg: string; url?: string };
        if (entry.msg === 'registry ready') {
          url = entry.url;
          break;
        }
      }
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
