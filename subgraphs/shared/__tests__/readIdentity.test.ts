import {
  DEVELOPMENT_INTERNAL_SECRET,
  IDENTITY_HEADER,
  signInternalIdentity,
} from '../../../contracts/internalIdentity.js';
import { ErrorCode } from '../../../contracts/errors.js';
import { customer } from '../../customer/index.js';
import { serveForTest } from '../testing/serveForTest.js';

describe('identity at a subgraph', () => {
  const subgraph = serveForTest(customer);

  async function me(headers: Record<string, string>) {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me { id email } }' }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] },
    };
  }

  it('answers a correctly signed identity', async () => {
    const token = await signInternalIdentity(
      { customerId: '3', segment: 'new', roles: [] },
      DEVELOPMENT_INTERNAL_SECRET,
    );
    const { body } = await me({ [IDENTITY_HEADER]: token });
    expect(body.data).toEqual({ me: { id: '3', email: expect.stringMatching(/\.3@example\.com$/) } });
  });

  it('ignores plain identity headers a caller forges', async () => {
    const forged = { 'x-customer-id': '3', 'x-commerce-customer-id': '3', 'x-commerce-roles': 'admin' };
    expect((await me(forged)).body).toEqual({ data: { me: null } });
  });

  it.each([
    [
      'signed with another secret',
      () => signInternalIdentity({ customerId: '3', segment: null, roles: [] }, 'x'.repeat(40)),
    ],
    [
      'expired',
      () =>
        signInternalIdentity({ customerId: '3', segment: null, roles: [] }, DEVELOPMENT_INTERNAL_SECRET, -10),
    ],
    ['not a token', async () => 'garbage'],
  ])('refuses an identity header %s with HTTP 401', async (_case, makeToken) => {
    const { status, body } = await me({ [IDENTITY_HEADER]: await makeToken() });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions.code).toBe(ErrorCode.Unauthenticated);
    expect(JSON.stringify(body)).not.toContain('example.com');
  });
});
