import { startLoggedProcess, type LoggedProcess, type LogLine } from './support/loggedProcess.js';

const FIXTURE = 'gateway/cluster/__tests__/fixtures/clusterFixture.ts';
/** The primary's bound in the fixture, and how long a fixture worker takes to apply a purge. */
const RELAY_TIMEOUT_MS = 1_000;
const APPLY_MS = 150;

interface Applied {
  request: unknown;
  at: number;
}

describe('clusterInvalidationBus over a real cluster', () => {
  let cluster: LoggedProcess;
  const ports = new Map<number, number>();

  beforeAll(async () => {
    cluster = startLoggedProcess(FIXTURE, { PATH: process.env['PATH'], FIXTURE_WORKERS: '3' });
    for (const line of await cluster.waitFor(listening, 3))
      ports.set(Number(line['worker']), Number(line['port']));
  }, 60_000);
  afterAll(async () => {
    if (cluster.child.exitCode === null) cluster.child.kill('SIGKILL');
    await cluster.exited;
  });

  const listening = (line: LogLine) => line.msg === 'fixture listening';
  const url = (worker: number, route: string) => `http://127.0.0.1:${ports.get(worker)}${route}`;
  async function publish(worker: number, request: object) {
    const response = await fetch(url(worker, '/publish'), { method: 'POST', body: JSON.stringify(request) });
    const { startedAt, resolvedAt } = (await response.json()) as { startedAt: number; resolvedAt: number };
    return { resolvedAt, tookMs: resolvedAt - startedAt };
  }
  async function applied(worker: number): Promise<Applied[]> {
    return (await fetch(url(worker, '/applied'))).json() as Promise<Applied[]>;
  }

  it('has every other worker apply a purge before publish resolves, and not the publisher', async () => {
    const request = { tags: ['Product:1'] };
    const { resolvedAt, tookMs } = await publish(1, request);
    expect(tookMs).toBeGreaterThanOrEqual(APPLY_MS - 5);
    for (const worker of [2, 3]) {
      const entries = await applied(worker);
      expect(entries.map((entry) => entry.request)).toEqual([request]);
      expect(entries[0]!.at).toBeLessThanOrEqual(resolvedAt);
    }
    expect(await applied(1)).toEqual([]);
  });

  it('resolves after the bound, and logs the worker, when one never finishes applying', async () => {
    const request = { tags: ['Product:2', 'Hang:2'] };
    const { tookMs } = await publish(1, request);
    expect(tookMs).toBeGreaterThanOrEqual(RELAY_TIMEOUT_MS - 5);
    expect(tookMs).toBeLessThan(RELAY_TIMEOUT_MS + 1_000);
    const [warning] = await cluster.waitFor((line) => /did not apply a purge in time/.test(line.msg ?? ''));
    expect(warning!['workers']).toEqual([2]);
    expect((await applied(3)).map((entry) => entry.request)).toContainEqual(request);
  });

  it('resolves without waiting out the bound when a worker dies while applying, and relays to its successor', async () => {
    const { tookMs } = await publish(1, { tags: ['Product:3', 'Crash:3'] });
    // Worker 2 applies it in 150 ms, worker 3 dies at 300 ms: publish waits for the death, not for the bound.
    expect(tookMs).toBeGreaterThanOrEqual(2 * APPLY_MS - 5);
    expect(tookMs).toBeLessThan(RELAY_TIMEOUT_MS - 200);
    const [died] = await cluster.waitFor((line) => line.msg === 'worker died; restarting it');
    expect(died).toMatchObject({ worker: 3, code: 3 });

    const [successor] = await cluster.waitFor((line) => listening(line) && line['worker'] === 4);
    ports.set(4, Number(successor!['port']));
    const request = { tags: ['Product:4'] };
    const { resolvedAt } = await publish(2, request);
    for (const worker of [1, 4]) {
      const entries = (await applied(worker)).filter(
        (entry) => JSON.stringify(entry.request) === JSON.stringify(request),
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]!.at).toBeLessThanOrEqual(resolvedAt);
    }
  }, 30_000);
});
