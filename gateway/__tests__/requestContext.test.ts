import { ErrorCode } from '../../contracts/errors.js';
import { DEVELOPMENT_AUTH_SECRET } from '../config.js';
import { createTokenVerifier, signIdentityToken } from '../identity.js';
import { negotiateLocale, readRequestContext } from '../requestContext.js';

const auth = { secret: DEVELOPMENT_AUTH_SECRET, issuer: 'commerce-gateway', audience: 'commerce-storefront' };
const verify = createTokenVerifier(auth);
const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en-US'],
    ['de-DE', 'de-DE'],
    ['de', 'de-DE'],
    ['fr-FR, de;q=0.8, en;q=0.5', 'de-DE'],
    ['en;q=0.4, de-AT;q=0.9', 'de-DE'],
    ['fr, it', 'en-US'],
    ['de;q=0, en-GB', 'en-US'],
  ])('picks the best supported locale for %p', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('readRequestContext', () => {
  it('derives market, currency and locale from the client headers', async () => {
    const context = await readRequestContext(headers({ 'x-market': 'eu', 'accept-language': 'de' }), verify);
    expect(context).toEqual({ locale: 'de-DE', market: 'EU', currency: 'EUR', segment: null, viewer: null });
  });

  it('rejects an unknown market with BAD_USER_INPUT and HTTP 400', async () => {
    await expect(readRequestContext(headers({ 'x-market': 'MARS' }), verify)).rejects.toMatchObject({
      extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
    });
  });

  it('ignores internal identity headers a client sends', async () => {
    const context = await readRequestContext(
      headers({ 'x-commerce-customer-id': '7', 'x-commerce-roles': 'admin' }),
      verify,
    );
    expect(context.viewer).toBeNull();
  });

  it('takes the viewer from a valid bearer token', async () => {
    const token = await signIdentityToken('42', { segment: 'vip', roles: ['admin'] }, auth);
    const context = await readRequestContext(headers({ authorization: `Bearer ${token}` }), verify);
    expect(context.viewer).toEqual({ customerId: '42', segment: 'vip', roles: ['admin'] });
  });

  it.each([
    [
      'a token signed with another key',
      async () => signIdentityToken('42', {}, { ...auth, secret: 'x'.repeat(40) }),
    ],
    ['an expired token', async () => signIdentityToken('42', {}, auth, Math.floor(Date.now() / 1000) - 60)],
    [
      'a token for another audience',
      async () => signIdentityToken('42', {}, { ...auth, audience: 'partner' }),
    ],
    [
      'a tampered token',
      async () => (await signIdentityToken('42', {}, auth)).replace(/\.[^.]+\./, '.eyJzdWIiOiIxIn0.'),
    ],
    ['garbage', async () => 'not-a-token'],
  ])('rejects %s with UNAUTHENTICATED and HTTP 401', async (_case, makeToken) => {
    const authorization = `Bearer ${await makeToken()}`;
    await expect(readRequestContext(headers({ authorization }), verify)).rejects.toMatchObject({
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
    });
  });

  it('rejects an Authorization header that is not a bearer token', async () => {
    await expect(
      readRequestContext(headers({ authorization: 'Basic dXNlcjpwYXNz' }), verify),
    ).rejects.toMatchObject({
      extensions: { code: ErrorCode.Unauthenticated },
    });
  });
});
