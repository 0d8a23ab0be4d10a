// The named operations of queries/: what analysts and dashboards ask, read once for the
// explorer, the bench and the tests that run every one of them.
import fs from "node:fs";
import path from "node:path";
import { parse, type OperationDefinitionNode } from "graphql";

import { PROJECT_ROOT } from "../config/index.js";

export const QUERIES_DIR = path.join(PROJECT_ROOT, "queries");

export interface NamedOperation { file: string; name: string; text: string }

export function namedOperations(dir = QUERIES_DIR): NamedOperation[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort().flatMap((file) => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    return parse(text).definitions
      .filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")
      .map((op) => ({ file, name: op.name?.value ?? "", text }));
  });
}
