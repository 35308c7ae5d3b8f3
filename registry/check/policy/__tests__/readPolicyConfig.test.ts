import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from '../../__tests__/support/workingTree.js';
import { parsePolicyConfig, readPolicyConfig } from '../readPolicyConfig.js';
import { POLICY_RULES } from '../runPolicy.js';

describe('readPolicyConfig', () => {
  it('reads schema/policy.yaml, which sets every rule to its default', async () => {
    const config = await readPolicyConfig(path.join(root, 'schema', 'policy.yaml'));
    expect(config).toEqual(Object.fromEntries(POLICY_RULES.map((rule) => [rule.name, rule.defaultSeverity])));
    expect(await readFile(path.join(root, 'schema', 'policy.yaml'), 'utf8')).toContain('missing-resolver');
  });

  it('leaves every rule at its default without a file', async () => {
    expect(await readPolicyConfig(path.join(root, 'schema', 'no-such-policy.yaml'))).toEqual({});
  });

  it('refuses an unknown rule or severity, naming it', () => {
    expect(() => parsePolicyConfig('rules:\n  list-sizes: error\n', 'p.yaml')).toThrow(
      'p.yaml: unknown rule "list-sizes"; the rules are list-size, entity-extension-nullable, naming, missing-resolver',
    );
    expect(() => parsePolicyConfig('rules:\n  naming: fatal\n', 'p.yaml')).toThrow(
      'p.yaml: rules.naming is "fatal"; use error, warn, off',
    );
  });
});
