/**
 * What a subgraph may know about the request it serves, and the HTTP headers the gateway sends it in.
 * The gateway is the only writer of these headers: it derives them from the client's request and drops any the
 * client sent itself.
 */

export const MARKETS = [
  { code: 'US', currency: 'USD', warehouse: 'US-EAST' },
  { code: 'EU', currency: 'EUR', warehouse: 'EU-CENTRAL' },
  { code: 'UK', currency: 'GBP', warehouse: 'UK-SOUTH' },
] as const;

export type MarketCode = (typeof MARKETS)[number]['code'];
export type CurrencyCode = (typeof MARKETS)[number]['currency'];

export const LOCALES = ['en-US', 'de-DE'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_MARKET: MarketCode = 'US';
export const DEFAULT_LOCALE: Locale = 'en-US';

/** Plain context headers. Who the caller is travels signed instead: see internalIdentity.ts. */
export const CONTEXT_HEADERS = {
  locale: 'x-commerce-locale',
  market: 'x-commerce-market',
} as const;

/** The signed-in caller, when there is one. */
export interface Viewer {
  customerId: string;
  /** Marketing segment (`new`, `regular`, `vip`), when the identity carries one. */
  segment: string | null;
  roles: readonly string[];
}

export interface RequestContext {
  locale: Locale;
  market: MarketCode;
  currency: CurrencyCode;
  viewer: Viewer | null;
  /**
   * The viewer's marketing segment; null when anonymous or when the identity carries none. The same value as
   * `viewer.segment`, apart so that an answer personalised by segment can read it without reading the viewer
   * (reading `viewer` means the answer differs per person; reading `segment` means it differs per segment only).
   */
  segment: string | null;
}

export function isMarketCode(value: string): value is MarketCode {
  return MARKETS.some((market) => market.code === value);
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function currencyOf(market: MarketCode): CurrencyCode {
  const found = MARKETS.find((candidate) => candidate.code === market);
  if (!found) throw new Error(`unknown market ${market}`);
  return found.currency;
}

/** Turns a request context into the plain headers a subgraph reads (the viewer goes separately, signed). */
export function toContextHeaders(context: RequestContext): Record<string, string> {
  return { [CONTEXT_HEADERS.locale]: context.locale, [CONTEXT_HEADERS.market]: context.market };
}

/**
 * Reads a request context back from subgraph request headers, with the viewer the subgraph has already verified.
 * Missing values take the defaults; a value that is present but unknown is an error, so a misconfigured caller is
 * told rather than silently served another market.
 */
export function fromContextHeaders(
  read: (name: string) => string | undefined,
  viewer: Viewer | null,
): RequestContext {
  const locale = read(CONTEXT_HEADERS.locale) ?? DEFAULT_LOCALE;
  const market = read(CONTEXT_HEADERS.market) ?? DEFAULT_MARKET;
  if (!isLocale(locale))
    throw new RangeError(`unsupported locale "${locale}"; use one of ${LOCALES.join(', ')}`);
  if (!isMarketCode(market)) {
    throw new RangeError(
      `unsupported market "${market}"; use one of ${MARKETS.map((m) => m.code).join(', ')}`,
    );
  }
  return { locale, market, currency: currencyOf(market), viewer, segment: viewer?.segment ?? null };
}
