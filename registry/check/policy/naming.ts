import type { SchemaElement } from './schemaElements.js';
import { addedElements, type PolicyRule } from './PolicyRule.js';

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const UPPER_CASE = /^[A-Z][A-Z0-9_]*$/;

/** The convention each kind of element follows, and its name in messages. */
const CONVENTIONS: Record<SchemaElement['kind'], { pattern: RegExp; name: string }> = {
  type: { pattern: PASCAL_CASE, name: 'PascalCase' },
  field: { pattern: CAMEL_CASE, name: 'camelCase' },
  argument: { pattern: CAMEL_CASE, name: 'camelCase' },
  inputField: { pattern: CAMEL_CASE, name: 'camelCase' },
  enumValue: { pattern: UPPER_CASE, name: 'UPPER_CASE' },
};

/**
 * `naming` (default `warn`): the names a change adds follow GraphQL's conventions: types PascalCase, fields,
 * arguments and input fields camelCase, enum values UPPER_CASE. Names no baseline subgraph had are judged only,
 * so an existing name never fails a later change.
 */
export const naming: PolicyRule = {
  name: 'naming',
  defaultSeverity: 'warn',
  check(context) {
    return addedElements(context, { anywhere: true }).flatMap(({ subgraph, element }) => {
      const convention = CONVENTIONS[element.kind];
      if (convention.pattern.test(element.name)) return [];
      const what =
        element.kind === 'inputField'
          ? 'input field'
          : element.kind === 'enumValue'
            ? 'enum value'
            : element.kind;
      return [
        {
          subgraph,
          coordinate: element.coordinate,
          message: `${what} ${element.coordinate}: "${element.name}" is not ${convention.name}`,
        },
      ];
    });
  },
};
