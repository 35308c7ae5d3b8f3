import { PendingPurges } from '../PendingPurges.js';

describe('PendingPurges', () => {
  it('hands back nothing when nothing waits', () => {
    const pending = new PendingPurges();
    expect(pending.empty).toBe(true);
    expect(pending.take()).toBeUndefined();
  });

  it('coalesces the tags of every purge waiting into one request, each tag once, and forgets them', () => {
    const pending = new PendingPurges();
    pending.add({ tags: ['Product:1', 'Product'] });
    pending.add({ tags: ['Product:2', 'Product'] });
    expect(pending.empty).toBe(false);
    expect(pending.take()).toEqual({ tags: ['Product:1', 'Product', 'Product:2'] });
    expect(pending.empty).toBe(true);
    expect(pending.take()).toBeUndefined();
  });

  it('becomes one purge of everything once one is pending, whatever is added after', () => {
    const pending = new PendingPurges();
    pending.add({ tags: ['Product:1'] });
    pending.add({ all: true });
    pending.add({ tags: ['Category:3'] });
    expect(pending.take()).toEqual({ all: true });
    expect(pending.take()).toBeUndefined();
  });

  it('stays bounded: past its most tags the waiting purges become one purge of everything', () => {
    const pending = new PendingPurges(3);
    pending.add({ tags: ['A:1', 'A:2', 'A:3'] });
    pending.add({ tags: ['A:1'] });
    expect(pending.take()).toEqual({ tags: ['A:1', 'A:2', 'A:3'] });
    pending.add({ tags: ['A:1', 'A:2', 'A:3', 'A:4'] });
    expect(pending.take()).toEqual({ all: true });
  });

  it('takes back a request that could not be announced, merged with what came meanwhile', () => {
    const pending = new PendingPurges();
    pending.add({ tags: ['Product:1'] });
    const taken = pending.take()!;
    pending.add({ tags: ['Product:2'] });
    pending.add(taken);
    expect(pending.take()).toEqual({ tags: ['Product:2', 'Product:1'] });
  });
});
