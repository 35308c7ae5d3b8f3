import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { DEFAULT_OPERATION_LIMITS } from '../../limits/operationLimits.js';
import { loadPersistedDocuments } from '../../partners/PersistedDocuments.js';
import { planKeys, prepareSupergraph } from '../prepareSupergraph.js';
import { loadRegisteredOperations, type RegisteredOperation } from '../RegisteredOperations.js';
import { schemaVersionOf } from '../schemaVersion.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function operation(body: string, source = 'test.graphql'): RegisteredOperation {
  const document = parse(body);
  const [definition] = document.definitions;
  const name = definition?.kind === 'OperationDefinition' ? definition.name?.value : undefined;
  return { name, source, body, document, sole: true };
}

describe('prepareSupergraph', () => {
  let sdl: string;
  let registered: RegisteredOperation[];

  beforeAll(async () => {
    sdl = await readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
    const manifestPath = path.join(root, 'schema', 'persisted-query-manifest.json');
    registered = await loadRegisteredOperations(path.join(root, 'schema', 'operations'), {
      path: manifestPath,
      documents: await loadPersistedDocuments(manifestPath),
    });
  });

  it('plans every registered operation on the committed supergraph, under each key the gateway looks up', () => {
    // Within the default cost limit too, or a gateway with the default limits would not start.
    const prepared = prepareSupergraph(sdl, registered, DEFAULT_OPERATION_LIMITS);
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(prepared.supergraph.version).toBe(schemaVersionOf(sdl));
    expect(prepared.supergraph.version).toMatch(/^[0-9a-f]{16}$/);
    const keys = registered.flatMap((each) => planKeys(each));
    expect([...prepared.supergraph.plans.keys()].sort()).toEqual([...new Set(keys)].sort());
    const categoryPage = registered.find((each) => each.name === 'CategoryPage')!;
    const plan = prepared.supergraph.plans.get(sha256(categoryPage.body));
    expect(JSON.stringify(plan)).toContain('"serviceName":"pricing"');
  });

  it('keys a plan by the query hash, and by the query hash with the operation name', () => {
    const body = 'query Named { departments { id } }';
    expect(planKeys({ body, name: 'Named', sole: true })).toEqual([
      createHash('sha256').update(sha256(body)).update('Named').digest('hex'),
      sha256(body),
    ]);
    // A document of several operations cannot be run without naming one.
    expect(planKeys({ body, name: 'Named', sole: false })).toHaveLength(1);
  });

  it('refuses text that is not a supergraph', () => {
    const prepared = prepareSupergraph('type Query { broken', registered);
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.problems[0]).toMatch(/^not a valid supergraph: Syntax Error/);
  });

  it('refuses a schema that is not a supergraph', () => {
    const prepared = prepareSupergraph('type Query { a: Int }', registered);
    expect(!prepared.ok && prepared.problems[0]).toMatch(/^not a valid supergraph: /);
  });

  it('refuses a supergraph on which a registered operation does not validate, naming it and where it is registered', () => {
    const broken = operation('query Broken { departments { id noSuchField } }', 'partner.json Broken');
    const prepared = prepareSupergraph(sdl, [...registered, broken]);
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.problems).toEqual([
      'Broken (partner.json Broken): Cannot query field "noSuchField" on type "Category".',
    ]);
  });

  it('with warn, serves a supergraph some operations do not fit, leaving them out and naming their clients', () => {
    const broken = {
      ...operation('query Broken { departments { id noSuchField } }', 'schema/operations'),
      clients: ['storefront', 'partner-app'],
    };
    expect(prepareSupergraph(sdl, [broken, ...registered], undefined, 'refuse').ok).toBe(false);
    const prepared = prepareSupergraph(sdl, [broken, ...registered], undefined, 'warn');
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(prepared.skipped).toEqual([
      {
        operation: broken,
        problem:
          'Broken (storefront, partner-app: schema/operations): Cannot query field "noSuchField" on type "Category".',
      },
    ]);
    expect(prepared.supergraph.plans.has(sha256(broken.body))).toBe(false);
    expect(prepared.supergraph.plans.size).toBe(new Set(registered.flatMap((each) => planKeys(each))).size);
    // Not a supergraph is refused whatever the policy.
    expect(prepareSupergraph('type Query { a: Int }', registered, undefined, 'warn').ok).toBe(false);
  });

  it('costs each registered operation with its example variables, as a request with them is costed', () => {
    const listing = {
      ...operation('query Listing($first: Int = 10) { products(first: $first) { nodes { id } } }'),
      variables: { first: 100 },
    };
    // products 30 + nodes 1 + 100 × id: over a limit of 120 with the example's 100, within it with the default 10.
    const limit = { maxCost: 120, defaultListSize: 5 };
    const prepared = prepareSupergraph(sdl, [listing], limit);
    expect(!prepared.ok && prepared.problems).toEqual([
      'Listing (test.graphql): every request would be refused: Query cost 131 exceeds the limit of 120. ' +
        'Most expensive lists: products.nodes (size 100, cost 101).',
    ]);
    const { variables: _example, ...withoutExample } = listing;
    expect(prepareSupergraph(sdl, [withoutExample], limit).ok).toBe(true);
    expect(prepareSupergraph(sdl, [listing]).ok).toBe(true);
  });
});
