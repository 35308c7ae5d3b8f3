import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import type { PolicyConfig, Severity } from '../SchemaCheck.js';
import { POLICY_RULES } from './runPolicy.js';

const SEVERITIES: readonly Severity[] = ['error', 'warn', 'off'];

/**
 * Reads the policy file (`schema/policy.yaml`, `SCHEMA_POLICY_PATH`): `rules:` maps a rule's name to `error`,
 * `warn` or `off`. A missing file leaves every rule at its default. Throws, naming the file and the rule, for an
 * unknown rule or severity.
 */
export async function readPolicyConfig(file: string): Promise<PolicyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return parsePolicyConfig(text, file);
}

/** Parses the policy file's text (see `readPolicyConfig`); `source` names it in errors. */
export function parsePolicyConfig(text: string, source: string): PolicyConfig {
  const parsed = (YAML.parse(text) ?? {}) as { rules?: unknown };
  const rules = parsed.rules ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    throw new Error(`${source}: "rules" must map rule names to ${SEVERITIES.join(', ')}`);
  }
  const known = POLICY_RULES.map((rule) => rule.name);
  return Object.fromEntries(
    Object.entries(rules as Record<string, unknown>).map(([rule, severity]) => {
      if (!known.includes(rule))
        throw new Error(`${source}: unknown rule "${rule}"; the rules are ${known.join(', ')}`);
      if (!SEVERITIES.includes(severity as Severity)) {
        throw new Error(
          `${source}: rules.${rule} is ${JSON.stringify(severity)}; use ${SEVERITIES.join(', ')}`,
        );
      }
      return [rule, severity as Severity];
    }),
  );
}
