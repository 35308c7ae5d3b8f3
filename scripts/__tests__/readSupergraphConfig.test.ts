import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFederationVersion, installedCompositionVersion } from '../lib/checkFederationVersion.js';
import { parseSupergraphConfig, readSupergraphConfig } from '../lib/readSupergraphConfig.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIG = '/repo/supergraph.yaml';

describe('readSupergraphConfig', () => {
  it("reads the repository's supergraph.yaml: a pinned federation_version and a file per subgraph", async () => {
    const config = await readSupergraphConfig(path.join(root, 'supergraph.yaml'));
    expect(config.federationVersion).toBe(`=${installedCompositionVersion()}`);
    expect(config.subgraphs.map(({ name }) => name)).toEqual([
      'catalog',
      'inventory',
      'pricing',
      'customer',
      'content',
    ]);
    expect(config.subgraphs[2]).toEqual({
      name: 'pricing',
      routingUrl: 'http://127.0.0.1:4003/graphql',
      schema: { kind: 'file', file: path.join(root, 'subgraphs', 'pricing', 'schema.graphql') },
    });
  });

  it("reads rover's sdl and subgraph_url sources, with introspection_headers that may read ${env.NAME}", () => {
    const config = parseSupergraphConfig(
      [
        'federation_version: 2',
        'subgraphs:',
        '  inline:',
        '    routing_url: http://inline/graphql',
        '    schema:',
        '      sdl: "type Query { a: Int }"',
        '  running:',
        '    routing_url: http://running/graphql',
        '    schema:',
        '      subgraph_url: http://127.0.0.1:4999/graphql',
        '      introspection_headers:',
        '        x-team: pricing',
        '        authorization: Bearer ${env.PRICING_TOKEN}',
      ].join('\n'),
      CONFIG,
      { PRICING_TOKEN: 'secret-1' },
    );
    expect(config).toEqual({
      federationVersion: '2',
      subgraphs: [
        {
          name: 'inline',
          routingUrl: 'http://inline/graphql',
          schema: { kind: 'sdl', sdl: 'type Query { a: Int }' },
        },
        {
          name: 'running',
          routingUrl: 'http://running/graphql',
          schema: {
            kind: 'subgraph_url',
            url: 'http://127.0.0.1:4999/graphql',
            headers: { 'x-team': 'pricing', authorization: 'Bearer secret-1' },
          },
        },
      ],
    });
  });

  it('refuses a graphref source, a missing schema, and an unset ${env.NAME}, naming the key', () => {
    const subgraph = (schema: string) =>
      `subgraphs:\n  remote:\n    routing_url: http://remote/graphql\n${schema}`;
    expect(() =>
      parseSupergraphConfig(subgraph('    schema:\n      graphref: shop@current\n'), CONFIG),
    ).toThrow(
      /subgraphs\.remote\.schema\.graphref reads a subgraph from GraphOS, which this project does not use/,
    );
    expect(() => parseSupergraphConfig(subgraph(''), CONFIG)).toThrow(/subgraphs\.remote\.schema is missing/);
    const withHeader =
      '    schema:\n      subgraph_url: http://x\n      introspection_headers:\n        a: ${env.NOPE}\n';
    expect(() => parseSupergraphConfig(subgraph(withHeader), CONFIG)).toThrow(
      /subgraphs\.remote\.schema\.introspection_headers\.a reads \$\{env\.NOPE\}, which is not set/,
    );
  });
});

describe('checkFederationVersion', () => {
  it("accepts rover's ways of asking for the installed composition", () => {
    for (const requested of [undefined, '2', '2.x', 'latest-2', '=2.14.4']) {
      expect(() => checkFederationVersion(requested, '2.14.4')).not.toThrow();
    }
  });

  it('refuses a pin to another version or major, saying which is installed and what to write', () => {
    expect(() => checkFederationVersion('=2.11.0', '2.14.4')).toThrow(
      'supergraph.yaml: federation_version =2.11.0 is not the composition this project runs; ' +
        '@apollo/composition 2.14.4 is installed: write federation_version: =2.14.4 (or 2 for any 2.x), ' +
        'or install the composition version you need',
    );
    expect(() => checkFederationVersion('1', '2.14.4')).toThrow(
      /federation_version 1 is not the composition/,
    );
  });

  it('knows the installed version from @apollo/composition', () => {
    expect(installedCompositionVersion()).toMatch(/^2\.\d+\.\d+$/);
  });
});
