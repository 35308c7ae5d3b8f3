import { Kind, parse, type DefinitionNode } from 'graphql';

/**
 * Every type, field, argument, input field and enum value an SDL declares, as schema coordinates (`Product`,
 * `Product.price`, `Query.product(id:)`, `Market.US`), in the order the SDL declares them; type extensions count as
 * their type. Directive definitions and the schema definition are left out: they are not what a client queries.
 * Throws a GraphQL syntax error for SDL that does not parse.
 */
export function schemaCoordinates(sdl: string): string[] {
  const coordinates = new Set<string>();
  for (const definition of parse(sdl, { noLocation: true }).definitions) {
    for (const coordinate of coordinatesOf(definition)) coordinates.add(coordinate);
  }
  return [...coordinates];
}

function coordinatesOf(definition: DefinitionNode): string[] {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION: {
      const type = definition.name.value;
      return [
        type,
        ...(definition.fields ?? []).flatMap((field) => [
          `${type}.${field.name.value}`,
          ...(field.arguments ?? []).map(
            (argument) => `${type}.${field.name.value}(${argument.name.value}:)`,
          ),
        ]),
      ];
    }
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return [
        definition.name.value,
        ...(definition.fields ?? []).map((field) => `${definition.name.value}.${field.name.value}`),
      ];
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      return [
        definition.name.value,
        ...(definition.values ?? []).map((value) => `${definition.name.value}.${value.name.value}`),
      ];
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
      return [definition.name.value];
    default:
      return [];
  }
}
