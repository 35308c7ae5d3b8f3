/** What a failed start is logged as: the cause, without any secret the configuration holds. */
export interface StartupFailure {
  type: string;
  message: string;
  /** The PostgreSQL SQLSTATE or the system error code (`ECONNREFUSED`), when there is one. */
  code?: string;
  stack?: string;
}

/**
 * Describes why a start failed for the log, with every occurrence of `secrets` (as written and URL-encoded, as a
 * password sits in a connection string) replaced, so that a driver quoting its connection string leaks nothing.
 */
export function startupFailure(error: unknown, secrets: readonly string[]): StartupFailure {
  const hide = (text: string) =>
    secrets
      .filter((secret) => secret.length > 0)
      .flatMap((secret) => [secret, encodeURIComponent(secret)])
      .reduce((scrubbed, secret) => scrubbed.split(secret).join('[redacted]'), text);
  if (!(error instanceof Error)) return { type: typeof error, message: hide(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: hide(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: hide(error.stack) } : {}),
  };
}

/** The passwords of `urls`, decoded as a driver sees them. */
export function passwordsOf(urls: readonly (string | undefined)[]): string[] {
  return urls.flatMap((url) => {
    const password = url ? new URL(url).password : '';
    return password ? [decodeURIComponent(password)] : [];
  });
}
