import { InFlight } from '../InFlight.js';

/** A task that finishes when told to, counting how often it was started. */
function gate<T>(value: T) {
  let started = 0;
  let open: (value: T) => void = () => {};
  let fail: (error: Error) => void = () => {};
  return {
    task: () => {
      started += 1;
      return new Promise<T>((resolve, reject) => {
        open = resolve;
        fail = reject;
      });
    },
    started: () => started,
    finish: () => open(value),
    fail: (error: Error) => fail(error),
  };
}

describe('InFlight', () => {
  const copies = () => new InFlight<{ items: string[] }>((value) => ({ items: [...value.items] }));

  it('starts new work for a caller that comes after the generation moved on (a purge), not the work begun before', async () => {
    let generation = 0;
    const inFlight = new InFlight<string>(
      (value) => value,
      () => generation,
    );
    const before = gate('read before the purge');
    const after = gate('read after the purge');
    const first = inFlight.run('k', before.task);
    const joined = inFlight.run('k', before.task);
    generation += 1;
    const late = inFlight.run('k', after.task);
    const lateJoined = inFlight.run('k', after.task);
    expect([before.started(), after.started()]).toEqual([1, 1]);
    before.finish();
    after.finish();
    expect((await Promise.all([first, joined, late, lateJoined])).map((flight) => flight.value)).toEqual([
      'read before the purge',
      'read before the purge',
      'read after the purge',
      'read after the purge',
    ]);
    expect(inFlight.size).toBe(0);
  });

  it('runs one task for callers with the same key, and gives each waiting caller its own copy', async () => {
    const inFlight = copies();
    const work = gate({ items: ['a'] });
    const first = inFlight.run('k', work.task);
    const second = inFlight.run('k', work.task);
    const third = inFlight.run('k', work.task);
    work.finish();
    const [one, two, three] = await Promise.all([first, second, third]);
    expect(work.started()).toBe(1);
    expect([one.shared, two.shared, three.shared]).toEqual([false, true, true]);
    one.value.items.push('changed by the first caller');
    expect([two.value.items, three.value.items]).toEqual([['a'], ['a']]);
    expect(two.value).not.toBe(three.value);
    expect(inFlight.size).toBe(0);
  });

  it('runs tasks with different keys apart, and a later caller anew once a task has ended', async () => {
    const inFlight = copies();
    const a = gate({ items: ['a'] });
    const b = gate({ items: ['b'] });
    const both = Promise.all([inFlight.run('a', a.task), inFlight.run('b', b.task)]);
    a.finish();
    b.finish();
    expect((await both).map((flight) => flight.value.items)).toEqual([['a'], ['b']]);
    const again = gate({ items: ['again'] });
    const later = inFlight.run('a', again.task);
    again.finish();
    expect((await later).shared).toBe(false);
  });

  it('hands a failure to every caller waiting for the task', async () => {
    const inFlight = copies();
    const work = gate({ items: [] });
    const first = inFlight.run('k', work.task);
    const second = inFlight.run('k', work.task);
    work.fail(new Error('subgraph down'));
    await expect(first).rejects.toThrow('subgraph down');
    await expect(second).rejects.toThrow('subgraph down');
    expect(inFlight.size).toBe(0);
  });
});
