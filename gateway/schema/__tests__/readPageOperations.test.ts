import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPageOperations } from '../readPageOperations.js';

describe('readPageOperations', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'operations-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads every operation in name order, with its variables when it has them', async () => {
    await writeFile(path.join(dir, 'ZooPage.graphql'), 'query ZooPage { a }');
    await writeFile(path.join(dir, 'AboutPage.graphql'), 'query AboutPage($id: ID!) { b(id: $id) }');
    await writeFile(path.join(dir, 'AboutPage.variables.json'), '{"id":"7"}');
    await writeFile(path.join(dir, 'notes.txt'), 'not an operation');
    expect(await readPageOperations(dir)).toEqual([
      {
        name: 'AboutPage',
        query: 'query AboutPage($id: ID!) { b(id: $id) }',
        variables: { id: '7' },
      },
      { name: 'ZooPage', query: 'query ZooPage { a }' },
    ]);
  });

  it('reads a missing directory as holding no operations', async () => {
    expect(await readPageOperations(path.join(dir, 'absent'))).toEqual([]);
  });

  it('names the variables file that is not a JSON object', async () => {
    await writeFile(path.join(dir, 'ListPage.graphql'), 'query ListPage { a }');
    await writeFile(path.join(dir, 'ListPage.variables.json'), '[1, 2]');
    await expect(readPageOperations(dir)).rejects.toThrow(
      'ListPage.variables.json must hold a JSON object of variables',
    );
  });
});
