import { fileURLToPath } from 'node:url';
import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { composeSupergraph, readSupergraphConfig } from '../lib/composeSupergraph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('composeSupergraph', () => {
  it('matches the committed schema/supergraph.graphql (run `npm run compose` when this fails)', async () => {
    const result = await composeSupergraph(await readSupergraphConfig(path.join(root, 'supergraph.yaml')));
    if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
    const committed = await readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
    expect(result.supergraphSdl).toBe(committed);
  });

  it('validates every page operation in schema/operations against the composed API schema', async () => {
    const result = await composeSupergraph(await readSupergraphConfig(path.join(root, 'supergraph.yaml')));
    if (!result.ok) throw new Error('composition failed');
    const directory = path.join(root, 'schema', 'operations');
    const files = (await readdir(directory)).filter((file) => file.endsWith('.graphql'));
    expect(files.sort()).toEqual(['CategoryPage.graphql', 'HomePage.graphql', 'ProductPage.graphql']);
    for (const file of files) {
      const errors = validate(result.apiSchema, parse(await readFile(path.join(directory, file), 'utf8')));
      expect({ file, errors: errors.map((error) => error.message) }).toEqual({ file, errors: [] });
    }
  });

  it('reports each composition error with the subgraph it comes from', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'compose-'));
    await writeFile(
      path.join(directory, 'a.graphql'),
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])\n' +
        'type Query { item: Item }\ntype Item @key(fields: "id") { id: ID! price: Int }',
    );
    await writeFile(
      path.join(directory, 'b.graphql'),
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])\n' +
        'type Item @key(fields: "id") { id: ID! price: String }',
    );
    await writeFile(
      path.join(directory, 'supergraph.yaml'),
      'subgraphs:\n' +
        '  alpha:\n    routing_url: http://a/graphql\n    schema:\n      file: ./a.graphql\n' +
        '  beta:\n    routing_url: http://b/graphql\n    schema:\n      file: ./b.graphql\n',
    );
    const result = await composeSupergraph(
      await readSupergraphConfig(path.join(directory, 'supergraph.yaml')),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0]?.message).toMatch(/Item\.price/);
    expect(result.errors[0]?.subgraph).toMatch(/alpha|beta/);
  });

  it('reports SDL that does not parse as an error of its subgraph', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'compose-'));
    await writeFile(path.join(directory, 'a.graphql'), 'type Query { item: Int }');
    await writeFile(path.join(directory, 'b.graphql'), 'type Query {');
    await writeFile(
      path.join(directory, 'supergraph.yaml'),
      'subgraphs:\n' +
        '  alpha:\n    routing_url: http://a/graphql\n    schema:\n      file: ./a.graphql\n' +
        '  beta:\n    routing_url: http://b/graphql\n    schema:\n      file: ./b.graphql\n',
    );
    const result = await composeSupergraph(
      await readSupergraphConfig(path.join(directory, 'supergraph.yaml')),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          subgraph: 'beta',
          message: `${path.join(directory, 'b.graphql')}: Syntax Error: Expected Name, found <EOF>.`,
        },
      ],
    });
  });

  it('rejects a config whose subgraph has no schema file', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'compose-'));
    await writeFile(
      path.join(directory, 'supergraph.yaml'),
      'subgraphs:\n  alpha:\n    routing_url: http://a\n',
    );
    await expect(readSupergraphConfig(path.join(directory, 'supergraph.yaml'))).rejects.toThrow(
      /subgraphs\.alpha\.schema\.file is missing/,
    );
  });
});
