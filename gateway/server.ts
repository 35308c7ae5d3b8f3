import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { connectionDrain } from '../contracts/connectionDrain.js';
import { metricsRoute, startMetricsServer } from '../contracts/metricsServer.js';
import { CacheMetrics } from './cache/CacheMetrics.js';
import { createCacheStore } from './cache/createCacheStore.js';
import type { Cache } from './cache/Cache.js';
import { createPurger, purgeFrom } from './cache/createPurger.js';
import type { PurgeRequest } from './cache/purgeRequest.js';
import { DescriptorStore } from './cache/DescriptorStore.js';
import { soleInstanceBus, type InvalidationBus } from './cache/InvalidationBus.js';
import { redisInvalidationBus } from './cache/redisInvalidationBus.js';
import { persistedQueryCache } from './cache/persistedQueryCache.js';
import { RequestCacheState } from './cache/RequestCacheState.js';
import { ResponseCache } from './cache/ResponseCache.js';
import { SubgraphFetchCache } from './cache/SubgraphFetchCache.js';
import type { GatewayConfig } from './config.js';
import { createFrontDoor } from './frontDoor/createFrontDoor.js';
import type { WorkerMetrics } from './cluster/clusterMetrics.js';
import { createHealthCheck } from './health/createHealthCheck.js';
import { readiness } from './health/readiness.js';
import { subgraphsOf } from './health/subgraphsOf.js';
import type { GatewayContext } from './GatewayContext.js';
import { adminOnly, adminRoutes, isAdmin } from './http/adminRoutes.js';
import { clientAddressResolver } from './http/clientAddress.js';
import { createHttpHandler } from './http/createHttpHandler.js';
import type { RequestEdge } from './http/RequestEdge.js';
import { errorMaskingPlugin, maskUnexpectedError } from './limits/errorMasking.js';
import { operationLimitPlugins } from './limits/operationLimits.js';
import { persistedQueryLimitsPlugin } from './limits/persistedQueryLimits.js';
import { clientKeyFor, createRateLimiter, type Caller } from './limits/rateLimiter.js';
import { GatewayMetrics } from './metrics/GatewayMetrics.js';
import { metricsPlugin } from './metrics/metricsPlugin.js';
import { observeFetches } from './metrics/observeFetches.js';
import { OperationNames } from './metrics/OperationNames.js';
import { RequestObservation } from './metrics/RequestObservation.js';
import { requestObserver } from './metrics/requestObserver.js';
import { ServedOperationTypesRule } from './limits/ServedOperationTypesRule.js';
import { loadClientRegistry, type RegisteredClient } from './partners/ClientRegistry.js';
import { fixedClients, registryClients } from './partners/registryClients.js';
import { manifestBackedPersistedQueryCache } from './partners/manifestBackedPersistedQueryCache.js';
import { identifyCaller } from './partners/PartnerContext.js';
import { loadPersistedDocuments } from './partners/PersistedDocuments.js';
import { persistedDocumentsPlugin } from './partners/persistedDocumentsPlugin.js';
import { createTokenVerifier, type TokenVerifierOptions } from './identity.js';
import { IdentitySigner } from './IdentitySigner.js';
import { cachePolicyPlugin } from './plugins/cachePolicyPlugin.js';
import { nulCharacterPlugin } from './plugins/nulCharacterPlugin.js';
import { requireOperationPlugin } from './plugins/requireOperationPlugin.js';
import { variableDepthPlugin } from './plugins/variableDepthPlugin.js';
import { readRequestContext } from './requestContext.js';
import { graphSourcesOf } from './schema/graphSourcesOf.js';
import { loadRegisteredOperations } from './schema/RegisteredOperations.js';
import { SupergraphReloader } from './schema/SupergraphReloader.js';
import type { BreakerStates } from './resilience/SubgraphBreakers.js';
import { SubgraphResilience } from './resilience/SubgraphResilience.js';
import { SubgraphDataSource } from './SubgraphDataSource.js';
import { traceRequests } from './tracing/traceRequests.js';
import { subgraphAgent } from './subgraphFetcher.js';
import { headerOf } from '../contracts/headers.js';
import { sendJson } from './http/respond.js';

export interface GatewayOptions extends TokenVerifierOptions {
  /** The clock caches judge freshness by. Default `Date.now`. */
  now?: () => number;
  /**
   * How this instance tells the others sharing its cache about purges, and hears of theirs. Default: Redis
   * pub/sub when Redis is configured, else none (a single instance).
   */
  invalidationBus?: InvalidationBus;
  /**
   * This process's half of the cluster's metrics, when it is a cluster worker: its series join the primary's sum,
   * `/metrics` here answers with that sum, and the metrics port is the primary's. Default none: a process alone.
   */
  clusterWorker?: WorkerMetrics;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** Cache counters per layer (all zero when caching is off). */
  metrics: CacheMetrics;
  /** The Prometheus endpoint: `/metrics` on the gateway's port, or on `METRICS_PORT` when set. */
  metricsUrl: string;
  /** Each subgraph's circuit breaker state, and a callback on each change (see `resilience/SubgraphBreakers.ts`). */
  breakers: BreakerStates;
  stop(): Promise<void>;
}

/**
 * Starts the gateway: the static supergraph served by Apollo Gateway inside Apollo Server, behind the gateway's
 * own HTTP handler. Reads top to bottom as the request path: HTTP → context → whole-response cache → query plan →
 * SubgraphDataSource (entity cache, invalidation) → subgraphs.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger,
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  const now = options.now ?? Date.now;
  // From the registry, refreshed on the supergraph's poll; else config/clients.json as it was at start.
  const clients = config.registry
    ? await registryClients({
        baseUrl: config.registry.url,
        token: config.registry.token,
        pollIntervalMs: config.supergraphPollIntervalMs,
        logger,
        now,
      })
    : fixedClients(await loadClientRegistry(config.partners.clientsPath));
  const documents = await loadPersistedDocuments(config.partners.manifestPath);
  // What the supergraph is checked against without a registry, and what names operations in the metrics either way.
  const operations = await loadRegisteredOperations(config.operationsDir, {
    path: config.partners.manifestPath,
    documents,
  });
  // Served from its file, URL or registry, and swapped for each new version that the registered operations fit.
  const supergraph = new SupergraphReloader({
    ...graphSourcesOf(config, operations),
    pollIntervalMs: config.supergraphPollIntervalMs,
    misfit: config.operationsMisfit,
    costLimit: config.limits,
    logger,
    // Called from the first poll on, once the metrics below exist.
    onReload: (outcome) => observed.observeReload(outcome),
  });
  // Part of every cache key: an entry never answers under another version of the schema.
  const schemaVersion = () => supergraph.version;
  const metrics = new CacheMetrics();
  const operationNames = new OperationNames(operations);
  const observed = new GatewayMetrics({
    operations: operationNames.names,
    cache: metrics,
    schemaVersion,
    sources: () => supergraph.sources,
    ...(options.clusterWorker ? { worker: options.clusterWorker.worker } : {}),
  });
  const store = config.cache.enabled ? createCacheStore(config.cache, metrics, logger, now) : undefined;
  // Moves on once a purge has been applied here (a mutation's, another instance's, an announced change's), so that
  // coalescing never hands a request that arrives after a purge the answer of work begun before it.
  let purgeGeneration = 0;
  const purgeApplied = () => void (purgeGeneration += 1);
  const generation = () => purgeGeneration;
  const purgeHere = async (cache: Cache, request: PurgeRequest) => {
    await purgeFrom(cache, request);
    purgeApplied();
  };
  const bus =
    options.invalidationBus ??
    (store?.redis
      ? redisInvalidationBus(store.redis, logger, {
          ackTimeoutMs: config.cache.purgeAckTimeoutMs,
          // Changes announced from outside the gateway: purged here as if they came from a mutation.
          onAnnouncement: (request) => purgeHere(store.cache, request),
          // A purge announced late goes to Redis again too: it may have missed the first attempt.
          reapply: (request) => purgeHere(store.cache, request),
        })
      : soleInstanceBus);
  // What this process keeps in front of Redis answers only while it hears every other instance's purges.
  store?.tier?.trustWhile(() => bus.hearsAll?.() ?? true);
  bus.onLost?.(() => store?.tier?.drop());
  const purge = store ? createPurger(store.cache, metrics, bus, purgeApplied) : undefined;
  const graceSeconds = config.cache.graceSeconds;
  const descriptors = store ? new DescriptorStore({ cache: store.cache, now }) : undefined;
  const responseCache =
    store && descriptors && config.cache.responses
      ? new ResponseCache({ cache: store.cache, descriptors, metrics, graceSeconds, now, schemaVersion })
      : undefined;
  const fetchCache =
    store && descriptors
      ? new SubgraphFetchCache({ cache: store.cache, descriptors, metrics, graceSeconds, now, schemaVersion })
      : undefined;

  const agent = subgraphAgent(config.subgraphTimeoutMs);
  // Outlives the data sources, which are rebuilt at each schema update: a subgraph's circuit state is kept.
  const resilience = new SubgraphResilience(config.resilience, logger);
  observed.watchCircuits(() => Object.entries(resilience.breakers.states()));
  const identity = new IdentitySigner(config.internalAuthSecret);
  const verifyToken = createTokenVerifier(config.auth, options);
  // Apollo Gateway reads this itself, as it starts; left unset, it exports usage metrics to Apollo (and probes
  // cloud metadata endpoints to describe the host) from every instance.
  process.env['APOLLO_TELEMETRY_DISABLED'] = String(!config.apolloTelemetry);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    queryPlannerConfig: { cache: supergraph.planCache },
    logger,
    buildService: ({ name, url }) =>
      observeFetches(
        name,
        new SubgraphDataSource({
          name,
          url: config.subgraphUrls[name] ?? url ?? '',
          agent,
          ...(config.subgraphTimeouts[name] ? { timeoutMs: config.subgraphTimeouts[name] } : {}),
          identity,
          resilience,
          purgeGeneration: generation,
          ...(fetchCache ? { fetchCache } : {}),
          ...(purge ? { invalidate: async (tags: string[]) => void (await purge({ tags })) } : {}),
        }),
        observed,
      ),
  });
  // At each swap, after the gateway cleared its plan cache and before any request can plan.
  gateway.onSchemaLoadOrUpdate((loaded) => supergraph.schemaLoaded(loaded));
  // What /health/ready probes: the subgraphs of the supergraph served now, at the URLs requests go to.
  let routed: Record<string, string> = {};
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    const subgraphs = subgraphsOf(coreSupergraphSdl);
    routed = Object.fromEntries(
      Object.entries(subgraphs).map(([name, url]) => [name, config.subgraphUrls[name] ?? url]),
    );
    // Every subgraph has a circuit (and a `gateway_subgraph_circuit_state` series) from the start.
    resilience.route(routed);
  });

  const limits = operationLimitPlugins<GatewayContext>(config.limits, { production: config.production });
  const rateLimiter = config.rateLimit.enabled
    ? createRateLimiter({
        classes: config.rateLimit.classes,
        ...(store?.redis ? { redis: store.redis } : {}),
        ...(store?.breaker ? { breaker: store.breaker } : {}),
        keyPrefix: `${config.cache.keyPrefix}rl:`,
        hashSecret: config.internalAuthSecret,
      })
    : undefined;

  const httpServer = createServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    validationRules: [ServedOperationTypesRule, ...limits.validationRules],
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    // Registered operations answer by id for everyone; automatic persisted queries live in the shared store.
    persistedQueries: {
      cache: manifestBackedPersistedQueryCache(
        documents,
        store
          ? persistedQueryCache(store.cache, metrics, config.cache.apqTtlSeconds)
          : new InMemoryLRUCache(),
      ),
    },
    formatError: maskUnexpectedError,
    plugins: [
      // Stopping closes the listener, lets requests in flight finish within the bound, then ends their connections.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      // Apollo's landing pages load from its CDN; the gateway's own IDE (frontDoor/) works offline.
      ApolloServerPluginLandingPageDisabled(),
      // First: these may replace a refused request before any other plugin looks at it.
      persistedDocumentsPlugin({ documents }),
      persistedQueryLimitsPlugin({
        ...config.persistedQueryLimits,
        ...(store?.redis ? { redis: store.redis } : {}),
        ...(store?.breaker ? { breaker: store.breaker } : {}),
        keyPrefix: `${config.cache.keyPrefix}rl:`,
        hashSecret: config.internalAuthSecret,
      }),
      // Before masking: it records the errors as raised, for the whole-response cache.
      cachePolicyPlugin(),
      errorMaskingPlugin({ production: config.production, logger }),
      metricsPlugin(observed),
      requireOperationPlugin(),
      variableDepthPlugin(),
      nulCharacterPlugin(),
      ...limits.plugins,
    ],
  });
  await apollo.start();
  // Let Redis connect before the first request, so it is not a counted miss; serve without it if it is slow.
  if (store?.redis) await waitForReady(store.redis, 2_000);
  // Other instances' purges: the shared store is already purged, so only what this process keeps.
  const unsubscribe = store ? await bus.subscribe((request) => purgeHere(store.local, request)) : undefined;

  let ready = true;
  const readinessOf = readiness({
    isReady: () => ready,
    health: createHealthCheck({ subgraphs: () => routed, ...(store?.redis ? { redis: store.redis } : {}) }),
    supergraph,
  });
  options.clusterWorker?.answerReadiness(() => readinessOf(true));
  // With workers, a scrape here answers for the whole cluster, asked of the primary.
  const scraped = options.clusterWorker?.share(observed.registry) ?? observed;
  // Without a metrics port, /metrics is served here: to anyone outside production; in production to administrators
  // only, as its series map the deployment (clients, subgraphs, refusals).
  const metricsHere = config.metricsPort === undefined ? metricsRoute(scraped) : undefined;
  const connections = connectionDrain(httpServer);
  httpServer.on(
    'request',
    // A server span per client request, the root of its trace: see traceRequests.
    traceRequests(
      createHttpHandler({
        apollo,
        logger,
        maxBodyBytes: config.maxBodyBytes,
        clientAddress: clientAddressResolver(config.clientAddress),
        readiness: readinessOf,
        // In production the subgraphs' states, Redis's and the schema versions are for the metrics port and
        // administrators; anyone else learns ready or not.
        ...(config.production
          ? { readinessDetail: (req: IncomingMessage) => isAdmin(req, verifyToken) }
          : {}),
        supergraph,
        routes: {
          ...(purge ? adminRoutes({ verify: verifyToken, purge, metrics }) : {}),
          ...(metricsHere && config.production ? { '/metrics': adminOnly(verifyToken, metricsHere) } : {}),
        },
        // Scrapes are never rate limited: a refused scrape would blind monitoring when traffic is highest.
        probes: metricsHere && !config.production ? { '/metrics': metricsHere } : {},
        observe: requestObserver(observed, logger, operationNames),
        purgeGeneration: generation,
        ...(responseCache ? { responseCache } : {}),
        ...(config.graphiql
          ? {
              frontDoor: await createFrontDoor({ operationsDir: config.operationsDir, endpoint: '/graphql' }),
            }
          : {}),
        ...(rateLimiter
          ? {
              admit: (_req: IncomingMessage, context: GatewayContext | undefined, edge: RequestEdge) => {
                const { key, clientClass } = context?.caller ?? callerOf(edge);
                return rateLimiter.consume(key, clientClass).then((decision) => {
                  if (!decision.allowed) observed.observeRefusal(clientClass);
                  return decision;
                });
              },
            }
          : {}),
        context: async (req: IncomingMessage, edge: RequestEdge) => {
          const { client } = identifyCaller(clients.current(), (name) => headerOf(req, name));
          const request = await readRequestContext((name) => headerOf(req, name), verifyToken);
          const caller = callerOf(edge, client, request.viewer?.customerId);
          return {
            client,
            request,
            cache: new RequestCacheState(),
            caller,
            observation: new RequestObservation(),
          };
        },
      }),
    ),
  );
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  // A cluster worker leaves the metrics port to the primary, which sums every worker's series there.
  const metricsServer =
    config.metricsPort === undefined || options.clusterWorker
      ? undefined
      : await startMetricsServer(observed, {
          port: config.metricsPort,
          host: config.host,
          logger,
          routes: {
            '/health/ready': async (_req, res) => {
              const { status, body } = await readinessOf(true);
              sendJson(res, status, body);
            },
          },
        });

  return {
    url: `http://${config.host}:${port}/graphql`,
    metrics,
    metricsUrl: metricsServer?.url ?? `http://${config.host}:${port}/metrics`,
    breakers: resilience.breakers,
    async stop() {
      ready = false;
      connections.drain();
      await apollo.stop();
      await unsubscribe?.();
      await store?.close();
      resilience.close();
      await agent.close();
      await metricsServer?.close();
      clients.stop();
    },
  };
}

function waitForReady(redis: Redis | Cluster, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Who a request counts against: its API key's client, signed-in customer and client address (see `clientKeyFor`). */
function callerOf(edge: RequestEdge, client?: RegisteredClient | null, customerId?: string): Caller {
  return clientKeyFor({
    ...(client ? { apiKey: { client: client.name, keyKind: client.keyKind } } : {}),
    ...(customerId ? { customerId } : {}),
    ip: edge.clientAddress,
  });
}
