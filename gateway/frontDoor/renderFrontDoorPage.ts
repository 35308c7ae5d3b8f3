import type { PageOperation } from '../schema/readPageOperations.js';

/** What the IDE page needs to know: where its assets are, where to send operations, and the tabs to open. */
export interface FrontDoorPage {
  /** Path prefix of the versioned assets, e.g. `/graphiql/3f2a…`. */
  assetPath: string;
  /** The GraphQL endpoint the IDE sends operations to, e.g. `/graphql`. */
  endpoint: string;
  tabs: readonly PageOperation[];
}

/**
 * The IDE's HTML: no inline script or style, so the page runs under a Content-Security-Policy that allows only
 * same-origin scripts. The settings travel as a JSON data block, which browsers never execute.
 */
export function renderFrontDoorPage(page: FrontDoorPage): string {
  const settings = {
    endpoint: page.endpoint,
    // GraphiQL takes a tab's variables as the editor's text.
    tabs: page.tabs.map(({ query, variables }) =>
      variables ? { query, variables: JSON.stringify(variables, null, 2) } : { query },
    ),
  };
  const asset = (name: string) => `${page.assetPath}/${name}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · commerce-federation</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${asset('graphiql.css')}" />
    <link rel="stylesheet" href="${asset('frontDoor.css')}" />
    <script type="application/json" id="front-door-settings">${jsonForHtml(settings)}</script>
    <script defer src="${asset('react.js')}"></script>
    <script defer src="${asset('react-dom.js')}"></script>
    <script defer src="${asset('graphiql.js')}"></script>
    <script defer src="${asset('frontDoor.js')}"></script>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
  </body>
</html>
`;
}

/** JSON that cannot end the `<script>` element it sits in, whatever the operations' text holds. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
