import type { Locale, Viewer } from '../../../contracts/requestContext.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { content } from '../index.js';

const PUBLISH = `mutation($input: PublishEditorialInput!) {
  publishEditorial(input: $input) { productId locale headline body }
}`;
const EDITORIAL = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Product { editorial { locale headline body } } }
}`;

const admin: Viewer = { customerId: '1', segment: null, roles: ['admin'] };
const shopper: Viewer = { customerId: '2', segment: 'vip', roles: [] };
const valid = { productId: '1', locale: 'de-DE', headline: 'Ein Klassiker', body: 'Seit Jahren beliebt.' };

describe('Mutation.publishEditorial', () => {
  const subgraph = serveForTest(content);

  async function editorialOf(productId: string, locale: Locale): Promise<unknown> {
    const response = await subgraph.request(
      EDITORIAL,
      { r: [{ __typename: 'Product', id: productId }] },
      { locale },
    );
    return (response.data?.['_entities'] as { editorial: unknown }[])[0]!.editorial;
  }

  it('rejects anonymous callers with UNAUTHENTICATED and shoppers with FORBIDDEN', async () => {
    const anonymous = await subgraph.request(PUBLISH, { input: valid });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    // Authorisation comes before validation: a shopper learns nothing about what input would pass.
    const forbidden = await subgraph.request(
      PUBLISH,
      { input: { ...valid, locale: 'fr-FR' } },
      { viewer: shopper },
    );
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await editorialOf('1', 'de-DE')).toBeNull();
  });

  it('publishes new copy that the next read shows in that locale only', async () => {
    const response = await subgraph.request(PUBLISH, { input: valid }, { viewer: admin });
    expect(response).toEqual({ data: { publishEditorial: valid } });
    expect(await editorialOf('1', 'de-DE')).toEqual({
      locale: 'de-DE',
      headline: 'Ein Klassiker',
      body: 'Seit Jahren beliebt.',
    });
    expect(await editorialOf('1', 'en-US')).toBeNull();
  });

  it('replaces the copy when published again for the same product and locale', async () => {
    const input = { productId: '4', locale: 'en-US', headline: '  Rewritten  ', body: 'New words.' };
    const response = await subgraph.request(PUBLISH, { input }, { viewer: admin });
    expect(response.data).toEqual({
      publishEditorial: { productId: '4', locale: 'en-US', headline: 'Rewritten', body: 'New words.' },
    });
    expect(await editorialOf('4', 'de-DE')).toEqual({
      locale: 'en-US',
      headline: 'Rewritten',
      body: 'New words.',
    });
    const rows = await subgraph.db.query(`SELECT 1 FROM content.editorial WHERE product_id = 4`);
    expect(rows).toHaveLength(1);
  });

  it('rejects bad input with BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ productId: 'abc' }, 'input.productId'],
      [{ productId: '0' }, 'input.productId'],
      [{ locale: 'fr-FR' }, 'input.locale'],
      [{ headline: '   ' }, 'input.headline'],
      [{ headline: 'x'.repeat(201) }, 'input.headline'],
      [{ body: '' }, 'input.body'],
      [{ body: 'x'.repeat(10_001) }, 'input.body'],
    ];
    for (const [change, field] of cases) {
      const { data, errors } = await subgraph.request(
        PUBLISH,
        { input: { ...valid, ...change } },
        { viewer: admin },
      );
      expect(data).toEqual({ publishEditorial: null });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
      expect(errors?.[0]?.message).toContain(field);
    }
  });

  it('accepts the longest headline and body allowed, counting characters not bytes', async () => {
    const input = { ...valid, productId: '5', headline: 'ü'.repeat(200), body: 'ß'.repeat(10_000) };
    const { data, errors } = await subgraph.request<{ publishEditorial: { headline: string } }>(
      PUBLISH,
      { input },
      { viewer: admin },
    );
    expect(errors).toBeUndefined();
    expect(data?.publishEditorial.headline).toHaveLength(200);
  });
});
