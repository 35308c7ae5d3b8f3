import { OperationTypeNode } from 'graphql';
import type { RequestContext } from '../../../contracts/requestContext.js';
import type { GatewayContext } from '../../GatewayContext.js';
import type { Cache } from '../Cache.js';
import { CacheMetrics } from '../CacheMetrics.js';
import { DescriptorStore } from '../DescriptorStore.js';
import { MemoryCache } from '../MemoryCache.js';
import { RequestCacheState } from '../RequestCacheState.js';
import { ResponseCache } from '../ResponseCache.js';
import { manualClock } from './support/cacheTargets.js';

const US: RequestContext = { locale: 'en-US', market: 'US', currency: 'USD', segment: null, viewer: null };
const EU: RequestContext = { ...US, market: 'EU', currency: 'EUR' };
const REQUEST = 'POST {"query":"{ price }"}\napplication/json';

function contextFor(request: RequestContext): GatewayContext {
  return {
    request,
    cache: new RequestCacheState(),
    client: null,
    caller: { key: 'ip:1', clientClass: 'anonymous' },
  };
}

/** A store shared by instances, counting the round trips each instance makes to it. */
function instance(shared: Cache, now: () => number, schemaVersion?: () => string) {
  const calls = { reads: 0 };
  const store: Cache = Object.create(shared) as Cache;
  store.getMany = (keys) => (calls.reads++, shared.getMany(keys));
  const descriptors = new DescriptorStore({ cache: store, now });
  const cache = new ResponseCache({
    cache: store,
    descriptors,
    metrics: new CacheMetrics(),
    graceSeconds: 0,
    now,
    ...(schemaVersion ? { schemaVersion } : {}),
  });
  return { cache, calls };
}

/** Runs `request` through `cache` as the HTTP layer does, answering a miss with `body` varied by market. */
async function serve(cache: ResponseCache, request: RequestContext, body: string, whileRunning?: () => void) {
  const context = contextFor(request);
  const lookup = await cache.lookup(REQUEST, context);
  if (lookup.status === 'HIT') return { status: 'HIT', body: lookup.answer.body };
  whileRunning?.();
  context.cache.note({ vary: ['market'], tags: ['Product:1'], private: false });
  context.cache.outcome = {
    operation: OperationTypeNode.QUERY,
    errorCodes: [],
    incomplete: false,
    policy: { maxAge: 60, scope: 'PUBLIC' },
  };
  const headers = { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' };
  await cache.finish(lookup, context, { status: 200, headers, body });
  return { status: 'MISS', body };
}

describe('ResponseCache', () => {
  it('finds an entry with one store round trip, whether or not this instance knows the descriptor', async () => {
    const clock = manualClock();
    const shared = new MemoryCache({ now: clock.now });
    const first = instance(shared, clock.now);
    expect(await serve(first.cache, US, 'US price')).toEqual({ status: 'MISS', body: 'US price' });
    expect(first.calls.reads).toBe(1);

    const second = instance(shared, clock.now);
    expect(await serve(second.cache, US, 'unused')).toEqual({ status: 'HIT', body: 'US price' });
    expect(second.calls.reads).toBe(1);
    expect(await serve(second.cache, US, 'unused')).toEqual({ status: 'HIT', body: 'US price' });
    expect(second.calls.reads).toBe(2);
  });

  it('keys entries by the dimensions the answer used, read in the same round trip', async () => {
    const clock = manualClock();
    const shared = new MemoryCache({ now: clock.now });
    const first = instance(shared, clock.now);
    await serve(first.cache, US, 'US price');
    await serve(first.cache, EU, 'EU price');

    const second = instance(shared, clock.now);
    expect(await serve(second.cache, EU, 'unused')).toEqual({ status: 'HIT', body: 'EU price' });
    const third = instance(shared, clock.now);
    expect(await serve(third.cache, US, 'unused')).toEqual({ status: 'HIT', body: 'US price' });
    expect(await serve(third.cache, { ...US, locale: 'de-DE' }, 'unused')).toEqual({
      status: 'HIT',
      body: 'US price',
    });
    expect(await serve(third.cache, { ...US, market: 'UK' }, 'UK price')).toEqual({
      status: 'MISS',
      body: 'UK price',
    });
    expect(third.calls.reads).toBe(3);
  });

  it('answers only under the schema version an entry was stored under', async () => {
    const clock = manualClock();
    const shared = new MemoryCache({ now: clock.now });
    let version = 'a';
    const swapping = instance(shared, clock.now, () => version);
    expect(await serve(swapping.cache, US, 'under a')).toEqual({ status: 'MISS', body: 'under a' });
    expect(await serve(swapping.cache, US, 'unused')).toEqual({ status: 'HIT', body: 'under a' });
    version = 'b';
    expect(await serve(swapping.cache, US, 'under b')).toEqual({ status: 'MISS', body: 'under b' });
    expect(await serve(swapping.cache, US, 'unused')).toEqual({ status: 'HIT', body: 'under b' });
    // An instance not yet swapped, sharing the store during a rolling update, keeps its own entries.
    const notYet = instance(shared, clock.now, () => 'a');
    expect(await serve(notYet.cache, US, 'unused')).toEqual({ status: 'HIT', body: 'under a' });
  });

  it('stores nothing when the schema was swapped while the request ran', async () => {
    const clock = manualClock();
    const shared = new MemoryCache({ now: clock.now });
    let version = 'a';
    const swapping = instance(shared, clock.now, () => version);
    const swap = () => void (version = 'b');
    expect(await serve(swapping.cache, US, 'mixed', swap)).toEqual({ status: 'MISS', body: 'mixed' });
    expect(await serve(swapping.cache, US, 'under b')).toEqual({ status: 'MISS', body: 'under b' });
    version = 'a';
    expect(await serve(swapping.cache, US, 'under a')).toEqual({ status: 'MISS', body: 'under a' });
  });
});
