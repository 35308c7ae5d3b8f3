import {
  DEFAULT_LOCALE,
  DEFAULT_MARKET,
  LOCALES,
  MARKETS,
  currencyOf,
  isMarketCode,
  type Locale,
  type RequestContext,
} from '../contracts/requestContext.js';
import { BadRequestContextError } from './errors.js';
import type { TokenVerifier } from './identity.js';

/** Reads a header of the client's request. */
export type HeaderReader = (name: string) => string | undefined;

/**
 * Builds the context subgraphs see from the client's request: market from `X-Market`, locale negotiated from
 * `Accept-Language`, viewer from the bearer token. Client-sent internal headers are never read.
 */
export async function readRequestContext(
  header: HeaderReader,
  verify: TokenVerifier,
): Promise<RequestContext> {
  const market = (header('x-market') ?? DEFAULT_MARKET).toUpperCase();
  if (!isMarketCode(market)) {
    throw new BadRequestContextError(
      `Unsupported market in X-Market; use one of ${MARKETS.map((m) => m.code).join(', ')}.`,
    );
  }
  const viewer = await verify(header('authorization'));
  return {
    locale: negotiateLocale(header('accept-language')),
    market,
    currency: currencyOf(market),
    segment: viewer?.segment ?? null,
    viewer,
  };
}

/**
 * Picks the best supported locale for an `Accept-Language` value: exact tags first, then language-only matches
 * (`de` → `de-DE`), in the client's order of preference; the default when nothing matches.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.tag && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const exact = LOCALES.find((locale) => locale.toLowerCase() === tag);
    if (exact) return exact;
    const language = LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === tag.split('-')[0]);
    if (language) return language;
  }
  return DEFAULT_LOCALE;
}
