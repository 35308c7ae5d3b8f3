import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../../contracts/errors.js';
import { sendTooManyRequests } from '../respond.js';

describe('sendTooManyRequests', () => {
  it('answers 429 with Retry-After and a GraphQL-shaped RATE_LIMITED error', async () => {
    const server = createServer((_req, res) => sendTooManyRequests(res, 17));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('17');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      errors: [{ message: 'Too many requests; retry in 17 s.', extensions: { code: ErrorCode.RateLimited } }],
    });
    expect(ErrorCode.RateLimited).toBe('RATE_LIMITED');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
