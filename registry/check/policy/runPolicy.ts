import type { PolicyConfig, PolicyFinding } from '../SchemaCheck.js';
import { entityExtensionNullable } from './entityExtensionNullable.js';
import { listSize } from './listSize.js';
import { missingResolver } from './missingResolver.js';
import { naming } from './naming.js';
import type { PolicyContext, PolicyRule } from './PolicyRule.js';

/** Every policy rule, by name; `schema/policy.yaml` sets their severities. */
export const POLICY_RULES: readonly PolicyRule[] = [
  listSize,
  entityExtensionNullable,
  naming,
  missingResolver,
];

/**
 * Runs each rule `config` does not turn `off`, with its configured severity (else its default). Findings come rule
 * by rule, those of changed subgraphs first.
 */
export function runPolicy(config: PolicyConfig, context: PolicyContext): PolicyFinding[] {
  const changedFirst = (finding: PolicyFinding) =>
    finding.subgraph !== null && context.changed.includes(finding.subgraph) ? 0 : 1;
  return POLICY_RULES.flatMap((rule) => {
    const severity = config[rule.name] ?? rule.defaultSeverity;
    if (severity === 'off') return [];
    return rule
      .check(context)
      .map((finding) => ({ rule: rule.name, severity, ...finding }))
      .sort((a, b) => changedFirst(a) - changedFirst(b));
  });
}
