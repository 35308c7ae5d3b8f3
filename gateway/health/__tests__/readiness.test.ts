import type { SourceStates } from '../../schema/SourceHealth.js';
import { readiness } from '../readiness.js';

describe('readiness', () => {
  const supergraph = (sources: SourceStates) => ({ version: 'v2', refusedVersion: undefined, sources });
  const ok = { status: 'ok' as const, since: Date.UTC(2026, 11, 7), lastReadAt: Date.UTC(2026, 11, 7, 10) };

  it("names each source's state in the detail, and stays ready (200, degraded) while one is down", async () => {
    const up = readiness({ isReady: () => true, supergraph: supergraph({ supergraph: ok, operations: ok }) });
    expect(await up(true)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        schemaVersion: 'v2',
        supergraphSource: {
          status: 'ok',
          since: '2026-12-07T00:00:00.000Z',
          lastReadAt: '2026-12-07T10:00:00.000Z',
        },
        operationsSource: {
          status: 'ok',
          since: '2026-12-07T00:00:00.000Z',
          lastReadAt: '2026-12-07T10:00:00.000Z',
        },
      },
    });

    const down = {
      status: 'unreachable' as const,
      since: Date.UTC(2026, 11, 7, 10, 5),
      lastReadAt: ok.lastReadAt,
      reason: 'fetch failed (ECONNREFUSED)',
    };
    const registryDown = readiness({
      isReady: () => true,
      supergraph: supergraph({ supergraph: down, operations: ok }),
    });
    expect(await registryDown(true)).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        supergraphSource: {
          status: 'unreachable',
          since: '2026-12-07T10:05:00.000Z',
          lastReadAt: '2026-12-07T10:00:00.000Z',
          reason: 'fetch failed (ECONNREFUSED)',
        },
      },
    });
    // Anyone else learns ready, nothing more.
    expect(await registryDown(false)).toEqual({ status: 200, body: { status: 'ready' } });
  });
});
