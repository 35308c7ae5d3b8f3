import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `gateway/main.ts` as one process with exactly `env`, until it exits. */
async function startGateway(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
    env: { PATH: process.env['PATH'], LOG_LEVEL: 'info', GATEWAY_WORKERS: '1', GATEWAY_PORT: '0', ...env },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('a gateway that cannot start', () => {
  it('logs a bad setting as one JSON line naming the variable, and exits 1', async () => {
    const failed = await startGateway({ SUBGRAPH_TIMEOUT_MS: 'soon' });
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 60,
      name: 'gateway',
      msg: 'gateway could not start',
      err: { message: 'SUBGRAPH_TIMEOUT_MS is "soon"; use a whole number from 100 to 600000' },
    });
    expect(failed.stderr).not.toContain('at loadConfig');
  }, 60_000);

  it('logs a failed start as one JSON line with the cause, without the secrets it was given, and exits 1', async () => {
    const secrets = {
      AUTH_SECRET: 'auth-secret-not-in-any-log-0123456789abcdef',
      INTERNAL_AUTH_SECRET: 'internal-secret-not-in-any-log-0123456789',
    };
    const failed = await startGateway({ ...secrets, SUPERGRAPH_PATH: 'schema/no-such-supergraph.graphql' });
    expect(failed.code).toBe(1);
    const fatal = failed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } })
      .filter((line) => line.level === 60);
    expect(fatal).toEqual([
      expect.objectContaining({
        msg: 'gateway could not start',
        err: expect.objectContaining({ message: expect.stringContaining('no-such-supergraph.graphql') }),
      }),
    ]);
    for (const secret of Object.values(secrets)) expect(failed.stdout + failed.stderr).not.toContain(secret);
  }, 60_000);
});
