import type { Database } from '../database/Database.js';
import { MAX_OPERATION_LABELS, SubgraphMetrics } from '../SubgraphMetrics.js';

/** A database that answers every statement with no rows, and fails those that mention `fail`. */
const fakeDb: Database = {
  query: async (sql) => {
    if (sql.includes('fail')) throw new Error('failed');
    return [];
  },
  exec: async () => undefined,
  transaction: (work) => work(fakeDb),
  close: async () => undefined,
};

async function sampleLines(metrics: SubgraphMetrics, name: string): Promise<string[]> {
  const { body } = await metrics.render();
  return body.split('\n').filter((line) => line.startsWith(`${name}{`));
}

describe('SubgraphMetrics', () => {
  it('times every statement by kind, inside transactions too, and counts failures', async () => {
    const metrics = new SubgraphMetrics('catalog');
    const db = metrics.measure(fakeDb);
    await db.query('SELECT 1');
    await db.transaction(async (tx) => {
      await tx.query('  insert into t values (1)');
      await tx.exec('CREATE TABLE x ()');
    });
    await expect(db.query('SELECT fail')).rejects.toThrow('failed');
    expect((await sampleLines(metrics, 'subgraph_sql_duration_seconds_count')).sort()).toEqual([
      'subgraph_sql_duration_seconds_count{subgraph="catalog",kind="INSERT"} 1',
      'subgraph_sql_duration_seconds_count{subgraph="catalog",kind="SELECT"} 2',
      'subgraph_sql_duration_seconds_count{subgraph="catalog",kind="other"} 1',
    ]);
    expect(await sampleLines(metrics, 'subgraph_sql_errors_total')).toEqual([
      'subgraph_sql_errors_total{kind="SELECT",subgraph="catalog"} 1',
    ]);
  });

  it(`gives the first ${MAX_OPERATION_LABELS} operation names a label each, and the rest one shared label`, async () => {
    const metrics = new SubgraphMetrics('pricing');
    const plugin = metrics.plugin();
    for (let i = 0; i < MAX_OPERATION_LABELS + 5; i += 1) {
      const hooks = await plugin.requestDidStart!({} as never);
      await hooks!.willSendResponse!({ operationName: `Op${i}` } as never);
    }
    const counted = await sampleLines(metrics, 'subgraph_requests_total');
    expect(counted).toHaveLength(MAX_OPERATION_LABELS + 1);
    expect(counted).toContain('subgraph_requests_total{operation="other",subgraph="pricing"} 5');
  });
});
