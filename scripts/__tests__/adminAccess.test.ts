import { loadConfig } from '../../gateway/config.js';
import { createTokenVerifier } from '../../gateway/identity.js';
import { adminAccess } from '../lib/adminAccess.js';

describe('adminAccess', () => {
  it('signs a short-lived admin token the gateway accepts when no JWKS is configured', async () => {
    const access = await adminAccess({ GATEWAY_PORT: '4100' });
    expect(access.base).toBe('http://127.0.0.1:4100');
    const viewer = await createTokenVerifier(loadConfig({}).auth)(access.authorization);
    expect(viewer).toMatchObject({ customerId: 'cache-cli', roles: ['admin'] });
  });

  it('sends ADMIN_TOKEN as it is, to the --url given', async () => {
    const access = await adminAccess({ ADMIN_TOKEN: 'aaa.bbb.ccc' }, 'https://gw.example');
    expect(access).toEqual({ base: 'https://gw.example', authorization: 'Bearer aaa.bbb.ccc' });
  });

  it('refuses an ADMIN_TOKEN that is not a token without echoing it', async () => {
    const refusal = adminAccess({ ADMIN_TOKEN: 'secret value' });
    await expect(refusal).rejects.toThrow('ADMIN_TOKEN is not a token');
    await expect(refusal).rejects.not.toThrow('secret value');
  });
});
