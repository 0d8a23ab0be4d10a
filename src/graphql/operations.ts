// The named operations of queries/: what analysts and dashboards ask, read once for the
// explorer, the bench and the tests that run every one of them.
import fs from "node:fs";
import path from "node:path";
import { parse, type OperationDefinitionNode } from "graphql";

import { PROJECT_ROOT } from "../config/index.js";

export const QUERIES_DIR = path.join(PROJECT_ROOT, "queries");

export interface NamedOperation { file: string; name: string; text: string; kind: "query" | "mutation" }

/**
 * The named operations: the questions (queries) by default, what the load tests, the bench and
 * the explorer's checks run; with `mutations`, the writes too (ReportProgress, …), which need a
 * token and change the graph.
 */
export function namedOperations(opts: { mutations?: boolean } = {}, dir = QUERIES_DIR): NamedOperation[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort().flatMap((file) => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    return parse(text).definitions
      .filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")
      .filter((op) => op.operation === "query" || (opts.mutations === true && op.operation === "mutation"))
      .map((op) => ({ file, name: op.name?.value ?? "", text, kind: op.operation === "mutation" ? "mutation" as const : "query" as const }));
  });
}
