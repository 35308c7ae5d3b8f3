/** Request headers that carry credentials: a bearer token, a session cookie, an API key, the signed identity. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-commerce-identity'];

/**
 * pino's `redact` option for every logger of the gateway and the subgraphs: credential headers are replaced
 * wherever a logged object carries headers (`req.headers`, `headers`, `request.http.headers`), and so are GraphQL
 * variables, which may hold customer data. Logs name requests by id and operation, never by what was sent.
 */
export const LOG_REDACTION = {
  paths: [
    ...SECRET_HEADERS.flatMap((header) =>
      ['headers', 'req.headers', '*.headers', 'request.http.headers'].map((at) => `${at}["${header}"]`),
    ),
    'variables',
    '*.variables',
  ],
  censor: '[redacted]',
};
