import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type Browser } from 'puppeteer-core';
import { operation, startStack, type Stack } from './support/stack.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Debian's `chromium` package; CI installs it (.ci/run), so there a missing browser fails the run.
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env['CI'] === 'true')
  throw new Error(`Chromium must be installed at ${CHROMIUM} under CI`);
const itWithChromium = available ? it : it.skip;

/** The result pane's text: CodeMirror renders only the lines in view, so read its document. */
const RESULT_TEXT = `document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue() ?? ''`;

/** Records every Content-Security-Policy violation the page reports, for the test to read. */
const RECORD_CSP_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });`;

describe('the front door (GraphiQL at the gateway root)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  }, 120_000);
  afterAll(() => stack?.stop());

  itWithChromium(
    'loads in headless Chromium with no network but the gateway, and runs CategoryPage against the subgraphs',
    async () => {
      const origin = new URL(stack.url).origin;
      const variables = JSON.parse(
        await readFile(path.join(root, 'schema/operations/CategoryPage.variables.json'), 'utf8'),
      ) as { slug: string };
      const [category] = await stack.db.query<{ name: string }>(
        'SELECT name FROM catalog.category WHERE slug = $1',
        [variables.slug],
      );

      const browser: Browser = await launch({
        executablePath: CHROMIUM,
        headless: true,
        // No name resolves but the gateway's address, so nothing can load from the internet.
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        ],
      });
      try {
        const page = await browser.newPage();
        const requested: string[] = [];
        const pageErrors: string[] = [];
        page.on('request', (request) => void requested.push(request.url()));
        page.on('pageerror', (error) => void pageErrors.push(String(error)));
        await page.evaluateOnNewDocument(RECORD_CSP_VIOLATIONS);

        const response = await page.goto(`${origin}/`, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        await page.waitForSelector('.graphiql-execute-button');
        // The first tab is CategoryPage with its example variables.
        expect(
          await page.evaluate(
            `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()`,
          ),
        ).toContain('query CategoryPage(');
        await page.click('.graphiql-execute-button');
        await page.waitForFunction(`(${RESULT_TEXT}).includes('"data"')`, { timeout: 30_000 });

        const result = JSON.parse(String(await page.evaluate(RESULT_TEXT))) as {
          data: { category: { name: string; slug: string } };
        };
        expect(result.data.category.name).toBe(category!.name);
        expect(result.data.category.slug).toBe(variables.slug);
        // The whole page, as a client posting the operation gets it.
        expect(result).toEqual((await stack.post(await operation('CategoryPage'), variables)).body);
        expect(pageErrors).toEqual([]);
        expect(await page.evaluate('window.cspViolations')).toEqual([]);
        expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual(
          [],
        );
        expect(requested).toContain(stack.url);
      } finally {
        await browser.close();
      }
    },
    90_000,
  );

  it('is off when configured so, and Apollo Server shows no landing page of its own', async () => {
    const gateway = await stack.startGateway({ GRAPHIQL: 'false' });
    const origin = new URL(gateway.url).origin;
    const rootPage = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(rootPage.status).toBe(404);
    expect(rootPage.headers.get('content-type')).toMatch(/^application\/json/);
    const endpoint = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    const body = await endpoint.text();
    expect(endpoint.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(body).not.toMatch(/apollographql|<html/i);
    await gateway.stop();
  });
});
