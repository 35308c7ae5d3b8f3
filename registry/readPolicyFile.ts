import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import type { PolicyConfig, Severity } from './check/SchemaCheck.js';

const SEVERITIES: readonly Severity[] = ['error', 'warn', 'off'];

/**
 * Reads the policy rules' severities from a YAML file (`schema/policy.yaml`): a map of rule name to `error`, `warn`
 * or `off`, at the top level or under `rules:`. A missing file is an empty policy (every rule keeps its default)
 * unless `required`. Throws, naming the file and the rule, for anything else.
 */
export async function readPolicyFile(file: string, required: boolean): Promise<PolicyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = YAML.parse(text) ?? {};
  const rules = isMap(parsed) && isMap(parsed['rules']) ? parsed['rules'] : parsed;
  if (!isMap(rules)) throw new Error(`${file}: expected a map of rule names to ${SEVERITIES.join(', ')}`);
  const policy: Record<string, Severity> = {};
  for (const [rule, severity] of Object.entries(rules)) {
    if (!SEVERITIES.includes(severity as Severity)) {
      throw new Error(
        `${file}: rule "${rule}" is ${JSON.stringify(severity)}; use one of ${SEVERITIES.join(', ')}`,
      );
    }
    policy[rule] = severity as Severity;
  }
  return policy;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
