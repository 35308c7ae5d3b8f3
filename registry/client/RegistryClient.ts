import type { SchemaCheckReport } from '../check/SchemaCheck.js';
import type {
  CheckBody,
  ClientEntry,
  ClientKeysAnswer,
  CreateClientAnswer,
  CreateClientBody,
  RevokeAnswer,
  RotateKeyAnswer,
  OperationsAnswer,
  OperationsBody,
  PublishBody,
  RegistryApiError,
  RollbackBody,
  VersionDetail,
  VersionEntry,
  WriteAnswer,
} from '../RegistryApi.js';

export interface RegistryClientOptions {
  /** The registry's origin (`REGISTRY_URL`), e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The bearer token (`REGISTRY_TOKEN`): admin, read, or a subgraph's publish token. */
  token: string;
  /** Longest wait for one answer, in ms. Default 60,000: a publish runs the check and asks running subgraphs. */
  timeoutMs?: number;
}

/** The registry answered with an error: its stable `code`, HTTP status, message and details. */
export class RegistryAnswerError extends Error {
  override readonly name = 'RegistryAnswerError';

  constructor(
    readonly status: number,
    readonly error: RegistryApiError,
  ) {
    super(error.message);
  }

  get code(): string {
    return this.error.code;
  }
}

/** The registry could not be asked: nothing answered at its URL in time, or it answered something else than JSON. */
export class RegistryUnreachableError extends Error {
  override readonly name = 'RegistryUnreachableError';
}

/**
 * The registry's HTTP API for the CLI (`npm run schema -- …`, `npm run clients -- …`): each call sends the
 * bearer token, waits at most `timeoutMs`, and resolves to the answer's body or throws `RegistryAnswerError` (with
 * the registry's code) or `RegistryUnreachableError` (naming the URL). No message carries the token.
 */
export class RegistryClient {
  private readonly origin: string;

  constructor(private readonly options: RegistryClientOptions) {
    this.origin = options.url.replace(/\/+$/, '');
  }

  /** `POST /subgraphs/:name/check`: the check a publish would run, recording nothing. */
  check(subgraph: string, body: CheckBody): Promise<SchemaCheckReport> {
    return this.call('POST', `/subgraphs/${encodeURIComponent(subgraph)}/check`, body);
  }

  /** `POST /publish`. */
  publish(body: PublishBody): Promise<WriteAnswer> {
    return this.call('POST', '/publish', body);
  }

  /** `POST /rollback`. */
  rollback(body: RollbackBody): Promise<WriteAnswer> {
    return this.call('POST', '/rollback', body);
  }

  /** `PUT /operations`: replaces one client's registered operations. */
  registerOperations(body: OperationsBody): Promise<OperationsAnswer> {
    return this.call('PUT', '/operations', body);
  }

  /** `POST /clients`: a new client, and its key (shown once) unless `body.apiKeySha256` names one. */
  createClient(body: CreateClientBody): Promise<CreateClientAnswer> {
    return this.call('POST', '/clients', body);
  }

  /** `GET /clients`: every client and its keys' dates, without digests. */
  async clients(): Promise<ClientEntry[]> {
    return (await this.call<{ clients: ClientEntry[] }>('GET', '/clients')).clients;
  }

  /** `POST /clients/:name/keys`: a new key; the earlier ones expire after `overlapSeconds` (default one day). */
  rotateClientKey(name: string, overlapSeconds?: number): Promise<RotateKeyAnswer> {
    return this.call('POST', `/clients/${encodeURIComponent(name)}/keys`, {
      ...(overlapSeconds === undefined ? {} : { overlapSeconds }),
    });
  }

  /** `POST /clients/:name/revoke`: every key of the client refused from now on. */
  revokeClient(name: string): Promise<RevokeAnswer> {
    return this.call('POST', `/clients/${encodeURIComponent(name)}/revoke`);
  }

  /** `GET /clients/keys`: the digests of every client's live keys (what gateways load). */
  clientKeys(): Promise<ClientKeysAnswer> {
    return this.call('GET', '/clients/keys');
  }

  /** `GET /versions`: up to `limit` versions (default 50) before `before`, newest first. */
  async history(options: { limit?: number; before?: number } = {}): Promise<VersionEntry[]> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.before !== undefined) query.set('before', String(options.before));
    const path = `/versions${query.size > 0 ? `?${query}` : ''}`;
    return (await this.call<{ versions: VersionEntry[] }>('GET', path)).versions;
  }

  /** `GET /versions/:n`. */
  version(version: number): Promise<VersionDetail> {
    return this.call('GET', `/versions/${version}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.origin}${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
      text = await response.text();
    } catch (error) {
      throw new RegistryUnreachableError(`Cannot reach the registry at ${this.origin}: ${describe(error)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RegistryUnreachableError(
        `${this.origin} answered ${method} ${path} with HTTP ${response.status} and no JSON: is REGISTRY_URL the registry?`,
      );
    }
    if (response.ok) return parsed as T;
    const error = (parsed as { error?: RegistryApiError }).error;
    if (!error || typeof error.code !== 'string') {
      throw new RegistryUnreachableError(
        `${this.origin} answered ${method} ${path} with HTTP ${response.status}`,
      );
    }
    throw new RegistryAnswerError(response.status, error);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no answer in time';
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? code : error.message;
}
