// The explorer (GraphiQL, bundled from src/web/explorer) on GET /graphql from a browser: its
// HTML shell and what it preloads, every named operation of queries/ as a tab, with its
// leading comment and its variables. The variables are the operation's own defaults; the
// writes, whose input has none, get the ids of a seeded task and target and nulls where only
// the reporter knows the value (a status, a figure), so running one unchanged is refused
// rather than writing an invented fact.
import type express from "express";
import { Kind, parse, valueFromASTUntyped, type OperationDefinitionNode } from "graphql";

import { namedOperations } from "../graphql/operations.js";
import { PAGE_CSP } from "./pages.js";

export interface ExplorerOperation {
  /** the operation's name, as in `?operation=` */
  name: string;
  /** its file under queries/ */
  file: string;
  kind: "query" | "mutation";
  /** the file as written, comment included */
  query: string;
  /** the leading comment, without its `#` */
  comment: string;
  /** JSON for the variables editor */
  variables: string;
  /** JSON for the headers editor (the writes need a token) */
  headers: string;
}

/** The writes' example input: seeded ids, and null for what only a reporter can say. */
const WRITE_VARIABLES: Record<string, Record<string, unknown>> = {
  ReportProgress: { input: { taskId: "03/NQ-CP#1", status: null, reportedOn: null, note: null, evidence: null, idempotencyKey: null } },
  ReportIndicator: { input: { targetId: "57-NQ/TW#T14", value: null, unit: null, reportedOn: null, period: null, sourceUrl: null, idempotencyKey: null } },
};

const WRITE_HEADERS = { Authorization: "Bearer <npm run -s token -- --agency <agency id> | tail -1>" };

/** The comment lines before the first definition, joined. */
export function leadingComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    lines.push(line.replace(/^#\s?/, ""));
  }
  return lines.join("\n").trim();
}

/** The variables an operation declares with a default, at their defaults. */
export function defaultVariables(op: OperationDefinitionNode): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const v of op.variableDefinitions ?? []) if (v.defaultValue) vars[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
  return vars;
}

export function explorerOperations(): ExplorerOperation[] {
  return namedOperations({ mutations: true }).map(({ file, name, text, kind }) => {
    const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name)!;
    const variables = kind === "mutation" ? (WRITE_VARIABLES[name] ?? {}) : defaultVariables(op);
    return {
      name, file, kind, query: text, comment: leadingComment(text),
      variables: Object.keys(variables).length ? JSON.stringify(variables, null, 2) : "",
      headers: kind === "mutation" ? JSON.stringify(WRITE_HEADERS, null, 2) : "",
    };
  });
}

/** JSON safe inside a <script> element: no `</script>`, no `<!--`. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** The page: the shared shell's frame, the operations as data (not script), the bundle. */
export function explorerHtml(operations = explorerOperations()): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Policy Graph — truy vấn · explorer</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/explorer.css"></head>
<body><div id="app"></div><script type="application/json" id="pg-operations">${scriptJson(operations)}</script>
<script src="/assets/explorer.js"></script></body></html>`;
}

/** GET /graphql for a browser: the explorer, under the pages' same-origin policy. */
export function explorerRoute(): express.RequestHandler {
  const html = explorerHtml();
  return (_req, res) => void res.set("Content-Security-Policy", PAGE_CSP).set("Cache-Control", "no-cache").type("html").send(html);
}
