export interface ConditionalReadOptions {
  /** Sent as `Authorization: Bearer <token>`; never logged. Default none. */
  token?: string;
  /** Longest wait for one fetch, in ms. Default 10,000. */
  timeoutMs?: number;
}

/** A resource read over HTTP again and again, at the cost of a 304 while it is unchanged. */
export interface ConditionalRead {
  /** The URL without its query or credentials: what logs and errors name. */
  readonly description: string;
  /** The body, or undefined when the server says it has not changed since the last read (HTTP 304). */
  read(): Promise<string | undefined>;
}

/** An answer other than 200 or 304, with the server's error code when it gave one (`{ error: { code } }`). */
export class SourceAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SourceAnswerError';
  }
}

/**
 * Reads `url` with `If-None-Match` and `If-Modified-Since` from the last answer's `ETag` and `Last-Modified`, so an
 * unchanged resource costs a 304 and no parsing. Any status but 200 and 304 throws a {@link SourceAnswerError}
 * naming it (and the JSON error code of the answer, as the schema registry gives); a failed fetch throws its error.
 */
export function conditionalRead(url: string, options: ConditionalReadOptions = {}): ConditionalRead {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const parsed = new URL(url);
  // Logged: a token in the query or the user part stays out of the logs.
  const description = `${parsed.origin}${parsed.pathname}`;
  let etag: string | undefined;
  let lastModified: string | undefined;
  return {
    description,
    async read() {
      const headers: Record<string, string> = {};
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (etag) headers['if-none-match'] = etag;
      if (lastModified) headers['if-modified-since'] = lastModified;
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      if (response.status === 304) {
        await response.body?.cancel();
        return undefined;
      }
      if (response.status !== 200) throw await answerError(description, response);
      const body = await response.text();
      etag = response.headers.get('etag') ?? undefined;
      lastModified = response.headers.get('last-modified') ?? undefined;
      return body;
    },
  };
}

async function answerError(description: string, response: Response): Promise<SourceAnswerError> {
  let code: string | undefined;
  let detail = '';
  try {
    const { error } = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.message === 'string') detail = `: ${error.message}`;
  } catch {
    // Not the JSON error of a registry: the status says enough.
  }
  const status = `HTTP ${response.status}${code ? ` ${code}` : ''}`;
  return new SourceAnswerError(response.status, code, `${description} answered ${status}${detail}`);
}
