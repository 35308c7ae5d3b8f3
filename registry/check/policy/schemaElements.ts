import {
  Kind,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type TypeDefinitionNode,
} from 'graphql';

/** One named element of a schema, by its schema coordinate. */
export type SchemaElement =
  | { kind: 'type'; coordinate: string; name: string; node: TypeDefinitionNode }
  | { kind: 'field'; coordinate: string; name: string; type: TypeDefinitionNode; node: FieldDefinitionNode }
  | { kind: 'argument'; coordinate: string; name: string; node: InputValueDefinitionNode }
  | { kind: 'inputField'; coordinate: string; name: string; node: InputValueDefinitionNode }
  | { kind: 'enumValue'; coordinate: string; name: string; node: EnumValueDefinitionNode };

const TYPE_KINDS: ReadonlySet<string> = new Set([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
]);

/**
 * Every type, field (`Product.name`), argument (`Query.products(first:)`), input field (`ProductFilter.text`) and
 * enum value (`ProductSort.NEWEST`) a document defines, in document order.
 */
export function schemaElements(document: DocumentNode): SchemaElement[] {
  const elements: SchemaElement[] = [];
  for (const definition of document.definitions) {
    if (!TYPE_KINDS.has(definition.kind)) continue;
    const type = definition as TypeDefinitionNode;
    const typeName = type.name.value;
    elements.push({ kind: 'type', coordinate: typeName, name: typeName, node: type });
    if (type.kind === Kind.OBJECT_TYPE_DEFINITION || type.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const field of type.fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        elements.push({ kind: 'field', coordinate, name: field.name.value, type, node: field });
        for (const argument of field.arguments ?? []) {
          const name = argument.name.value;
          elements.push({ kind: 'argument', coordinate: `${coordinate}(${name}:)`, name, node: argument });
        }
      }
    } else if (type.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of type.fields ?? []) {
        const name = field.name.value;
        elements.push({ kind: 'inputField', coordinate: `${typeName}.${name}`, name, node: field });
      }
    } else if (type.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of type.values ?? []) {
        const name = value.name.value;
        elements.push({ kind: 'enumValue', coordinate: `${typeName}.${name}`, name, node: value });
      }
    }
  }
  return elements;
}

/** Whether `node` carries the directive `name` (`@external`, `@key`). */
export function hasDirective(
  node: { directives?: readonly { name: { value: string } }[] },
  name: string,
): boolean {
  return (node.directives ?? []).some((directive) => directive.name.value === name);
}
