import { readDeployments } from './support/readDeployments.js';
import { loopbackSettings, subgraphListMismatches } from './support/subgraphListMismatches.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

// supergraph.yaml is the one list of subgraphs; everything that runs them is checked against it.
describe('the list of subgraphs', () => {
  const subgraphs = supergraphSubgraphs();
  const deployments = readDeployments();

  it('is the same in supergraph.yaml, subgraphs/index.ts, codegen, the Dockerfile, compose and k8s', () => {
    expect(subgraphs.length).toBeGreaterThan(0);
    expect(subgraphListMismatches(subgraphs, deployments)).toEqual([]);
  });

  it('names every place that lacks a subgraph added to supergraph.yaml alone', () => {
    const port = subgraphs.at(-1)!.port + 1;
    const added = [...subgraphs, { name: 'reviews', routingUrl: `http://127.0.0.1:${port}/graphql`, port }];
    const url = `http://reviews:${port}/graphql`;
    expect(subgraphListMismatches(added, deployments)).toEqual(
      expect.arrayContaining([
        'subgraphs/index.ts: no subgraph reviews',
        'codegen: no subgraphs/reviews/__generated__/resolvers.ts (run npm run codegen)',
        `Dockerfile: EXPOSE lacks ${port} (reviews)`,
        'docker-compose.yml: no service reviews running that subgraph',
        `docker-compose.yml: service registry-seed: no SUBGRAPH_REVIEWS_URL (expected ${url})`,
        'docker-compose.yml: service registry-seed does not wait for reviews to be healthy',
        'deploy/k8s: no Deployment reviews running that subgraph',
        `deploy/k8s: no Service reviews on port ${port}`,
        'deploy/k8s: no HorizontalPodAutoscaler reviews',
        'deploy/k8s: no PodDisruptionBudget reviews',
        `deploy/k8s: Job registry-seed: no SUBGRAPH_REVIEWS_URL (expected ${url})`,
      ]),
    );
  });

  it('names a subgraph that is deployed but no longer in supergraph.yaml', () => {
    const last = subgraphs.at(-1)!.name;
    expect(subgraphListMismatches(subgraphs.slice(0, -1), deployments)).toEqual(
      expect.arrayContaining([
        `subgraphs/index.ts: ${last} is not in supergraph.yaml`,
        `docker-compose.yml: service ${last} runs ${last}, which is not in supergraph.yaml`,
        `deploy/k8s: Deployment ${last} is a subgraph that is not in supergraph.yaml`,
        `deploy/k8s: Job registry-seed: sets SUBGRAPH_${last.toUpperCase()}_URL, which names no subgraph of ` +
          'supergraph.yaml',
      ]),
    );
  });

  it('names a routing URL that points at another service or port', () => {
    const moved = structuredClone(deployments);
    const { name, port } = subgraphs[0]!;
    const variable = `SUBGRAPH_${name.toUpperCase()}_URL`;
    const seed = moved.composeFiles[0]!.services['registry-seed']!;
    seed.environment[variable] = `http://${name}:${port + 10}/graphql`;
    expect(subgraphListMismatches(subgraphs, moved)).toEqual([
      `docker-compose.yml: service registry-seed: ${variable} is http://${name}:${port + 10}/graphql, not ` +
        `http://${name}:${port}/graphql`,
    ]);
  });

  it('is deployed nowhere at a loopback address, which inside a container is the container itself', () => {
    expect(loopbackSettings(deployments)).toEqual([]);
    const pointed = structuredClone(deployments);
    const gateway = pointed.workloads.find(({ kind, name }) => kind === 'Deployment' && name === 'gateway')!;
    gateway.env['SUBGRAPH_REVIEWS_URL'] = 'http://127.0.0.1:4006/graphql';
    expect(loopbackSettings(pointed)).toEqual([
      'deploy/k8s/gateway.yaml: Deployment gateway sets SUBGRAPH_REVIEWS_URL=http://127.0.0.1:4006/graphql',
    ]);
  });
});
