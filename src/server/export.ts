// GET /export?seeds=57-NQ/TW&depth=2&format=graphml: streams a selection as a file with its
// content type and a file name. Errors (bad parameters, bad selection, unknown seed, too
// large) are answered as JSON with their code before any byte of the file is sent: a typo'd
// or empty parameter is refused rather than ignored, since ignoring it exports everything.
// Exports are public and read-only, so any origin may fetch them (CORS `*`, errors and the
// OPTIONS preflight included) and read the counts and file name in their headers.
import cors from "cors";
import fs from "node:fs";
import path from "node:path";
import type express from "express";

import type { Db } from "../export/read.js";
import { prepareExport } from "../export/write.js";
import { AppError, badInput } from "../errors/index.js";
import { logger } from "../config/logger.js";
import type { SchemaModel } from "../model/index.js";

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400, NOT_FOUND: 404, LIMIT_EXCEEDED: 413, QUERY_TOO_LARGE: 413,
  QUERY_TIMEOUT: 504, SERVICE_UNAVAILABLE: 503, NEO4J_UNAVAILABLE: 503,
};
const CONTEXT = path.join(path.dirname(new URL(import.meta.url).pathname), "../export/formats/context.jsonld");

/** CORS for /export and /export/context.jsonld: any origin, GET only, its own headers readable by the page. */
export const exportCors = cors({
  origin: "*",
  methods: ["GET", "HEAD"],
  exposedHeaders: ["Content-Disposition", "X-Node-Count", "X-Relationship-Count", "X-Request-Id", "Retry-After"],
  maxAge: 86400,
});

/** The comma-separated lists, with what leaving each out means (said when one is given but empty). */
const LISTS: Record<string, string> = {
  seeds: "exports the whole graph", from: "exports the whole graph",
  nodeTypes: "keeps every node type", excludeNodeTypes: "excludes none",
  relationshipTypes: "keeps every relationship type", excludeRelationshipTypes: "excludes none",
};
const SINGLE = ["format", "depth", "asOf", "provenance", "maxNodes", "maxRelationships"];
/** Every parameter GET /export accepts; anything else (a typo, `ids=`) is refused, not ignored. */
export const EXPORT_PARAMETERS = [...Object.keys(LISTS), ...SINGLE];

/**
 * Reads GET /export's query into a selection input and a format id. Pure. Refused with
 * BAD_USER_INPUT: an unknown parameter, a single-valued one given twice, a value that is not
 * text (an `a[b]=c` object), an empty value, a list that names nothing (which would otherwise
 * mean "everything"), both `seeds` and `from`, and a `provenance` that is not true/false/1/0.
 */
export function exportQuery(query: Record<string, unknown>): { input: Record<string, unknown>; format: string | undefined } {
  const unknown = Object.keys(query).filter((k) => !EXPORT_PARAMETERS.includes(k));
  if (unknown.length) {
    throw badInput(`Unknown export parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")}; the accepted ones are ${EXPORT_PARAMETERS.join(", ")}`, { parameters: unknown, accepted: EXPORT_PARAMETERS });
  }
  const values: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    const all = Array.isArray(value) ? value : [value];
    if (!all.every((v) => typeof v === "string")) throw badInput(`${name} must be plain text (name=value), not a structure`, { parameter: name });
    if (all.length > 1 && SINGLE.includes(name)) throw badInput(`${name} is given ${all.length} times; give it once`, { parameter: name });
    values[name] = all as string[];
  }
  if (values.seeds && values.from) throw badInput("seeds and from are the same parameter; give one of them", { parameter: "from" });
  const list = (name: string): string[] | undefined => {
    if (!values[name]) return undefined;
    const items = values[name].flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);
    if (!items.length) throw badInput(`${name} is given but lists nothing; leave the parameter out if you mean that, it ${LISTS[name]}`, { parameter: name });
    return items;
  };
  const single = (name: string): string | undefined => {
    const v = values[name]?.[0];
    if (v !== undefined && v.trim() === "") throw badInput(`${name} is given but empty; give a value or leave the parameter out`, { parameter: name });
    return v;
  };
  const provenance = single("provenance");
  if (provenance !== undefined && !["true", "false", "1", "0"].includes(provenance)) {
    throw badInput(`provenance must be true or false (or 1 or 0), got ${JSON.stringify(provenance)}`, { parameter: "provenance" });
  }
  return {
    input: {
      seeds: list("seeds") ?? list("from"), depth: single("depth"),
      nodeTypes: list("nodeTypes"), excludeNodeTypes: list("excludeNodeTypes"),
      relationshipTypes: list("relationshipTypes"), excludeRelationshipTypes: list("excludeRelationshipTypes"),
      asOf: single("asOf"), provenance: provenance === undefined ? undefined : provenance === "true" || provenance === "1",
      maxNodes: single("maxNodes"), maxRelationships: single("maxRelationships"),
    },
    format: single("format"),
  };
}

export function exportRoutes(app: express.Express, db: Db, model: SchemaModel) {
  app.get("/export/context.jsonld", (_req, res) => {
    res.type("application/ld+json").send(fs.readFileSync(CONTEXT, "utf8"));
  });
  app.get("/export", async (req, res) => {
    try {
      const { input, format } = exportQuery(req.query as Record<string, unknown>);
      const job = await prepareExport(db, model, input, format);
      res.setHeader("Content-Type", job.format.contentType);
      res.setHeader("Content-Disposition", `attachment; filename="${job.fileName}"`);
      res.setHeader("X-Node-Count", String(job.nodes));
      res.setHeader("X-Relationship-Count", String(job.relationships));
      await job.write(res);
      res.end();
    } catch (err) {
      if (res.headersSent) {
        logger.error({ err }, "export failed while streaming");
        res.destroy(err as Error);
      } else if (err instanceof AppError) {
        res.status(STATUS[err.code] ?? 500).json({ error: { ...err.details, code: err.code, message: err.message } });
      } else {
        logger.error({ err }, "export failed");
        res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" } });
      }
    }
  });
}
