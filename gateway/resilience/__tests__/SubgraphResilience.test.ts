import { pino } from 'pino';
import { SubgraphRefusal, SubgraphUnavailableError } from '../../errors.js';
import type { ResilienceConfig } from '../resilienceConfig.js';
import { SubgraphResilience } from '../SubgraphResilience.js';

const CONFIG: ResilienceConfig = {
  retry: { retries: 2, delayMs: 1, budgetMs: 1_000 },
  breaker: { failures: 1, cooldownMs: 600_000 },
};

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, logger };
}

const fetchOf = (subgraph: string) => ({ subgraph, retry: true, requestId: 'req-1' });

describe('SubgraphResilience', () => {
  it('logs fast failures of an open circuit at warn, once per subgraph per interval, counting the rest', async () => {
    const { lines, logger } = capture();
    let clock = 1_000_000;
    const resilience = new SubgraphResilience(CONFIG, logger, {
      openFailureLogIntervalMs: 10_000,
      now: () => clock,
    });
    const fail = async () => {
      throw new SubgraphUnavailableError('pricing', { kind: 'connection' });
    };
    await expect(resilience.run(fetchOf('pricing'), fail)).rejects.toThrow();
    expect(resilience.breakers.stateOf('pricing')).toBe('open');
    for (let i = 0; i < 5; i += 1) {
      await expect(resilience.run(fetchOf('pricing'), fail)).rejects.toMatchObject({ kind: 'circuit-open' });
    }
    clock += 10_000;
    await expect(resilience.run(fetchOf('pricing'), fail)).rejects.toMatchObject({ kind: 'circuit-open' });

    const openFailures = lines.filter(
      (line) => line['msg'] === 'subgraph fetch failed' && line['kind'] === 'circuit-open',
    );
    expect(openFailures).toEqual([
      expect.objectContaining({ level: 40, subgraph: 'pricing', requestId: 'req-1', suppressed: 0 }),
      expect.objectContaining({ level: 40, subgraph: 'pricing', suppressed: 4 }),
    ]);
    resilience.close();
  });

  it("neither counts nor retries a subgraph's refusal, and logs it with the subgraph's messages", async () => {
    const { lines, logger } = capture();
    const resilience = new SubgraphResilience(CONFIG, logger);
    let attempts = 0;
    const refuse = async () => {
      attempts += 1;
      throw new SubgraphRefusal('pricing', 400, [
        {
          message: 'Cannot query field "newPrice" on type "Price".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    };
    for (let i = 0; i < 10; i += 1) {
      await expect(resilience.run(fetchOf('pricing'), refuse)).rejects.toBeInstanceOf(SubgraphRefusal);
    }
    expect(attempts).toBe(10);
    expect(resilience.breakers.stateOf('pricing')).toBe('closed');
    const refused = lines.filter((line) => line['msg'] === 'subgraph refused fetch');
    expect(refused).toHaveLength(10);
    expect(refused[0]).toMatchObject({
      level: 40,
      subgraph: 'pricing',
      status: 400,
      requestId: 'req-1',
      errors: [
        { message: 'Cannot query field "newPrice" on type "Price".', code: 'GRAPHQL_VALIDATION_FAILED' },
      ],
    });
    expect(lines.filter((line) => line['msg'] === 'subgraph fetch failed')).toEqual([]);
    resilience.close();
  });
});
