import { startLoggedProcess, type LogLine } from './support/loggedProcess.js';

const FIXTURE = 'gateway/cluster/__tests__/fixtures/clusterFixture.ts';
const listening = (line: LogLine) => line.msg === 'fixture listening';

/** Whether process `pid` still runs. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runPrimary', () => {
  it('passes SIGTERM on to every worker, waits for them and exits 0', async () => {
    const primary = startLoggedProcess(FIXTURE, { PATH: process.env['PATH'], FIXTURE_WORKERS: '2' });
    const workers = (await primary.waitFor(listening, 2)).map((line) => Number(line['workerPid']));
    primary.child.kill('SIGTERM');
    expect(await primary.exited).toBe(0);
    expect(workers.filter(running)).toEqual([]);
    expect(primary.lines.some((line) => line.msg === 'workers did not stop in time; killing them')).toBe(
      false,
    );
  }, 60_000);

  it('kills workers that do not stop within the bound, and exits 1', async () => {
    const primary = startLoggedProcess(FIXTURE, {
      PATH: process.env['PATH'],
      FIXTURE_WORKERS: '2',
      FIXTURE_IGNORE_SIGTERM: '1',
    });
    const workers = (await primary.waitFor(listening, 2)).map((line) => Number(line['workerPid']));
    const signalled = Date.now();
    primary.child.kill('SIGTERM');
    expect(await primary.exited).toBe(1);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1_500);
    expect(
      primary.lines.find((line) => line.msg === 'workers did not stop in time; killing them'),
    ).toMatchObject({
      workers: [1, 2],
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(workers.filter(running)).toEqual([]);
  }, 60_000);

  it('restarts workers that die with growing delays, and gives up on a crash loop with exit code 1', async () => {
    const primary = startLoggedProcess(FIXTURE, {
      PATH: process.env['PATH'],
      FIXTURE_WORKERS: '1',
      FIXTURE_CRASH_AT_START: '1',
    });
    expect(await primary.exited).toBe(1);
    const restarts = primary.lines.filter((line) => line.msg === 'worker died; restarting it');
    expect(restarts.map((line) => [line['code'], line['delayMs']])).toEqual([
      [2, 50],
      [2, 100],
    ]);
    expect(primary.lines.filter((line) => line.msg === 'worker started')).toHaveLength(3);
    expect(primary.lines.find((line) => line.msg === 'workers keep dying; stopping')).toBeDefined();
  }, 60_000);
});
