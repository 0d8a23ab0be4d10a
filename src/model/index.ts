// The schema model: what schema/graph.graphql says about node types, their fields and
// relationships, read once from the SDL. The seed loader, the trace and later the exports
// work from this model, so a field added to the SDL is known everywhere without another list.
import fs from "node:fs";
import path from "node:path";
import {
  Kind,
  parse,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from "graphql";

import { PROJECT_ROOT } from "../config/index.js";

export const SCHEMA_DIR = path.join(PROJECT_ROOT, "schema");

export type ScalarName = "ID" | "String" | "Date" | "Int" | "Float" | "Boolean";

export interface ValueField {
  name: string;
  /** a scalar name, or the name of an enum */
  type: string;
  enumValues?: string[];
  required: boolean;
  list: boolean;
  /** the value `@default(value: …)` declares, which the seed sets where a file gives none */
  default?: string;
}

export interface RelationshipField {
  name: string;
  relType: string;
  direction: "OUT" | "IN";
  /** the node types at the other end (a union is expanded) */
  targets: string[];
  propertiesType: string;
  properties: ValueField[];
}

export interface NodeType {
  name: string;
  /** the seed file key and the plural used in reports: tasks, agencies, technologyGroups */
  plural: string;
  fields: ValueField[];
  relationships: RelationshipField[];
}

export interface SchemaModel {
  typeDefs: string;
  nodeTypes: Map<string, NodeType>;
  enums: Map<string, string[]>;
  byPlural(plural: string): NodeType | undefined;
}

const PLURALS: Record<string, string> = { Agency: "agencies", Person: "people" };
export const pluralOf = (name: string) => PLURALS[name] ?? name[0]!.toLowerCase() + name.slice(1) + "s";

export function readTypeDefs(dir = SCHEMA_DIR): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

function unwrap(type: TypeNode): { name: string; required: boolean; list: boolean } {
  let required = false;
  let list = false;
  let t = type;
  if (t.kind === Kind.NON_NULL_TYPE) { required = true; t = t.type; }
  if (t.kind === Kind.LIST_TYPE) {
    list = true;
    t = t.type;
    if (t.kind === Kind.NON_NULL_TYPE) t = t.type;
  }
  if (t.kind !== Kind.NAMED_TYPE) throw new Error("nested lists are not supported in the graph model");
  return { name: t.name.value, required, list };
}

function directiveArg(field: FieldDefinitionNode | ObjectTypeDefinitionNode, directive: string, arg: string): string | undefined {
  const d = field.directives?.find((x) => x.name.value === directive);
  const a = d?.arguments?.find((x) => x.name.value === arg);
  if (!a) return undefined;
  return a.value.kind === Kind.STRING || a.value.kind === Kind.ENUM ? a.value.value : undefined;
}

export function buildModel(typeDefs = readTypeDefs()): SchemaModel {
  const doc: DocumentNode = parse(typeDefs);
  const enums = new Map<string, string[]>();
  const unions = new Map<string, string[]>();
  const objects = new Map<string, ObjectTypeDefinitionNode>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION) enums.set(def.name.value, (def.values ?? []).map((v) => v.name.value));
    if (def.kind === Kind.UNION_TYPE_DEFINITION) unions.set(def.name.value, (def.types ?? []).map((t) => t.name.value));
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION) objects.set(def.name.value, def);
  }
  const valueField = (f: FieldDefinitionNode): ValueField => {
    const t = unwrap(f.type);
    const byDefault = directiveArg(f, "default", "value");
    return { name: f.name.value, type: t.name, enumValues: enums.get(t.name), required: t.required, list: t.list, ...(byDefault === undefined ? {} : { default: byDefault }) };
  };
  const nodeTypes = new Map<string, NodeType>();
  for (const [name, obj] of objects) {
    if (!obj.directives?.some((d) => d.name.value === "node")) continue;
    const fields: ValueField[] = [];
    const relationships: RelationshipField[] = [];
    for (const f of obj.fields ?? []) {
      // Computed when asked (a status as of a date, a target's progress): not stored, not seeded.
      if (f.directives?.some((d) => d.name.value === "customResolver" || d.name.value === "cypher")) continue;
      const relType = directiveArg(f, "relationship", "type");
      if (!relType) { fields.push(valueField(f)); continue; }
      const target = unwrap(f.type).name;
      const propertiesType = directiveArg(f, "relationship", "properties") ?? "";
      const propsDef = objects.get(propertiesType);
      relationships.push({
        name: f.name.value,
        relType,
        direction: directiveArg(f, "relationship", "direction") === "IN" ? "IN" : "OUT",
        targets: unions.get(target) ?? [target],
        propertiesType,
        properties: (propsDef?.fields ?? []).map(valueField),
      });
    }
    nodeTypes.set(name, { name, plural: pluralOf(name), fields, relationships });
  }
  const byPluralMap = new Map([...nodeTypes.values()].map((t) => [t.plural, t]));
  return { typeDefs, nodeTypes, enums, byPlural: (p) => byPluralMap.get(p) };
}
