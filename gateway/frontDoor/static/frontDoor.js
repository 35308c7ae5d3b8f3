/* global document, React, ReactDOM, GraphiQL */
// Starts GraphiQL with the settings the gateway wrote into the page: where to send operations, and one tab per
// page operation with its example variables. Loaded after React, ReactDOM and GraphiQL's UMD builds.
'use strict';

const settings = JSON.parse(document.getElementById('front-door-settings').textContent);
// The gateway answers JSON only (no @defer), so the plain fetcher is enough.
const fetcher = GraphiQL.createFetcher({ url: settings.endpoint, enableIncrementalDelivery: false });

const [first] = settings.tabs;

ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultTabs: settings.tabs,
    // GraphiQL fills the editors from these, not from the first default tab; a visitor with saved tabs gets the
    // one that matches them back (or a new one), the rest as left.
    ...(first ? { query: first.query, variables: first.variables } : {}),
    defaultEditorToolsVisibility: 'variables',
    shouldPersistHeaders: false,
  }),
);
