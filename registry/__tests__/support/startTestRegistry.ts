import { pino } from 'pino';
import { loadRegistryConfig, type RegistryConfig } from '../../config.js';
import type { SchemaCheck } from '../../SchemaRegistry.js';
import { startRegistry } from '../../startRegistry.js';
import { fakeCheck } from './fakeCheck.js';

/** The tokens a test registry accepts. */
export const TEST_TOKENS = {
  admin: 'test-admin-token',
  read: 'test-read-token',
  products: 'test-products-token',
  reviews: 'test-reviews-token',
} as const;

/** A registry a test started in its process, and a way to call it. */
export interface TestRegistry {
  url: string;
  /** Calls the registry: `body` is sent as JSON unless it is a string (sent as it is). */
  request(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  stop(): Promise<void>;
}

/**
 * Starts a registry on a free port with an in-memory embedded database, `TEST_TOKENS`, and `check` (default
 * `fakeCheck`; pass `runSchemaCheck` for the real one). `overrides` replace parts of the configuration.
 */
export async function startTestRegistry(
  options: { check?: SchemaCheck; overrides?: Partial<RegistryConfig> } = {},
): Promise<TestRegistry> {
  const config: RegistryConfig = {
    ...loadRegistryConfig({
      REGISTRY_PORT: '0',
      REGISTRY_ADMIN_TOKEN: TEST_TOKENS.admin,
      REGISTRY_READ_TOKEN: TEST_TOKENS.read,
      REGISTRY_PUBLISH_TOKENS: `products=${TEST_TOKENS.products},reviews=${TEST_TOKENS.reviews}`,
      REGISTRY_SUBGRAPH_TIMEOUT_MS: '2000',
    }),
    database: {},
    ...options.overrides,
  };
  const running = await startRegistry(config, pino({ level: 'silent' }), {
    check: options.check ?? fakeCheck,
  });
  return {
    url: running.url,
    async request(method, path, { token = TEST_TOKENS.admin, body, headers = {} } = {}) {
      const response = await fetch(new URL(path, running.url), {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the SDL, or an empty 304
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    stop: () => running.stop(),
  };
}
