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
