import type { Viewer } from '../../../contracts/requestContext.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { ownerOrAdminAccess } from '../rules.js';

const viewer = (customerId: string, roles: string[] = []): Viewer => ({ customerId, segment: null, roles });

describe('ownerOrAdminAccess', () => {
  it('lets the owner through, whichever way the id is written', () => {
    expect(ownerOrAdminAccess(viewer('3'), 3)).toBe(true);
    expect(ownerOrAdminAccess(viewer('3'), '3')).toBe(true);
  });

  it('lets admins through for any id, known or not', () => {
    for (const id of [4, '4000', 'abc', null])
      expect(ownerOrAdminAccess(viewer('1', ['admin']), id)).toBe(true);
  });

  it('refuses everyone else with the same FORBIDDEN, whatever the id', () => {
    const answers = [4, '4000', 'abc', null].map((id) => ownerOrAdminAccess(viewer('3'), id));
    for (const answer of answers) {
      expect(answer).toBeInstanceOf(ForbiddenError);
      expect(answer).toMatchObject({ message: 'Not allowed.', extensions: { code: 'FORBIDDEN' } });
    }
    // An identity whose id is no customer id owns nothing, not even a record with the same malformed id.
    expect(ownerOrAdminAccess(viewer('abc'), 'abc')).toBeInstanceOf(ForbiddenError);
  });

  it('asks anonymous callers to sign in', () => {
    expect(ownerOrAdminAccess(null, 3)).toBeInstanceOf(UnauthenticatedError);
  });
});
