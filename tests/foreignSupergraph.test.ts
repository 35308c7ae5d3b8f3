import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBookshelf, type Bookshelf } from './support/bookshelf.js';
import { startGatewayAlone, type GatewayAlone, type LogLine } from './support/gatewayAlone.js';

describe('a gateway pointed at another graph than the repository’s', () => {
  let bookshelf: Bookshelf;
  let dir: string;
  let supergraphPath: string;
  let gateway: GatewayAlone | undefined;

  beforeAll(async () => {
    bookshelf = await startBookshelf();
    dir = await mkdtemp(path.join(tmpdir(), 'foreign-supergraph-'));
    supergraphPath = path.join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, bookshelf.supergraph());
  });
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });
  afterAll(async () => {
    await bookshelf?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts with the default settings, says once that no registered operation fits, and answers', async () => {
    gateway = await startGatewayAlone({ SUPERGRAPH_PATH: supergraphPath });
    const { status, body } = await gateway.post('{ books { id title author } }');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        books: [
          { id: '1', title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin' },
          { id: '2', title: 'Kindred', author: 'Octavia E. Butler' },
        ],
      },
    });
    const warnings = gateway.logged.filter((line) => line.level >= 40);
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: 'no registered operation fits the supergraph; serving it without them',
        skipped: 6,
        registered: 6,
        problems: expect.arrayContaining([
          expect.stringMatching(
            /^CategoryPage \(operations\/CategoryPage.graphql\): .*Unknown type "ProductSort"/,
          ),
        ]),
      }),
    ]);
    expect((warnings[0]!['problems'] as string[]).length).toBe(5);
  });

  it('refuses to start with OPERATIONS_MISFIT=refuse, naming the operations that do not fit', async () => {
    const logged: LogLine[] = [];
    await expect(
      startGatewayAlone({ SUPERGRAPH_PATH: supergraphPath, OPERATIONS_MISFIT: 'refuse' }, logged),
    ).rejects.toThrow(
      new RegExp(
        `^${supergraphPath}: the supergraph cannot be served: ` +
          'CategoryPage \\(operations/CategoryPage.graphql\\): .*Unknown type "ProductSort"',
      ),
    );
  });
});
