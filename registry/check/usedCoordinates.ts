import {
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/**
 * The schema coordinates `document` reads in `schema`: every type it names or selects (`Product`), field
 * (`Product.name`), argument (`Query.products.first`), input field (`ProductFilter.text`) and enum value literal
 * (`ProductSort.NEWEST`). A breaking change at one of them breaks the operation, even where the operation still
 * validates (a field's type changed from `String` to `Int`).
 */
export function usedCoordinates(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      NamedType(node) {
        used.add(node.name.value);
      },
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        used.add(`${parent.name}.${node.name.value}`);
        used.add(getNamedType(field.type).name);
      },
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) used.add(`${parent.name}.${field.name}.${node.name.value}`);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent) used.add(`${getNamedType(parent).name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type && node.kind === Kind.ENUM) used.add(`${getNamedType(type).name}.${node.value}`);
      },
    }),
  );
  return used;
}
