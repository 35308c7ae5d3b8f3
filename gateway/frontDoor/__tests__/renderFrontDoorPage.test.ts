import { renderFrontDoorPage } from '../renderFrontDoorPage.js';

describe('renderFrontDoorPage', () => {
  it('keeps operation text that looks like markup inside the settings block, and intact when parsed', () => {
    const query = '# </script><script>alert(1)</script> & <!--\n{ __typename }';
    const html = renderFrontDoorPage({
      assetPath: '/graphiql/0123456789abcdef',
      endpoint: '/graphql',
      tabs: [{ name: 'Hostile', query, variables: { a: '</script>' } }],
    });
    expect(html.match(/<\/script>/g)).toHaveLength(5);
    expect(html).not.toContain('alert(1)</script>');
    const block = /<script type="application\/json" id="front-door-settings">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(block![1]!)).toEqual({
      endpoint: '/graphql',
      tabs: [{ query, variables: '{\n  "a": "</script>"\n}' }],
    });
  });

  it('loads React before ReactDOM, both before GraphiQL, and the page script last', () => {
    const html = renderFrontDoorPage({ assetPath: '/graphiql/v', endpoint: '/graphql', tabs: [] });
    const scripts = [...html.matchAll(/<script defer src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual([
      '/graphiql/v/react.js',
      '/graphiql/v/react-dom.js',
      '/graphiql/v/graphiql.js',
      '/graphiql/v/frontDoor.js',
    ]);
  });
});
