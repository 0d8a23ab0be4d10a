// GET /export?seeds=57-NQ/TW&depth=2&format=graphml: streams a selection as a file with its
// content type and a file name. Errors (bad selection, unknown seed, too large) are answered
// as JSON with their code before any byte of the file is sent.
import fs from "node:fs";
import path from "node:path";
import type express from "express";

import type { Db } from "../export/read.js";
import { prepareExport } from "../export/write.js";
import { AppError } from "../errors/index.js";
import { logger } from "../config/logger.js";
import type { SchemaModel } from "../model/index.js";

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, LIMIT_EXCEEDED: 413 };
const CONTEXT = path.join(path.dirname(new URL(import.meta.url).pathname), "../export/formats/context.jsonld");

const many = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(",")).map((s) => s.trim()).filter(Boolean);
const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : (v as never));

export function exportRoutes(app: express.Express, db: Db, model: SchemaModel) {
  app.get("/export/context.jsonld", (_req, res) => {
    res.type("application/ld+json").send(fs.readFileSync(CONTEXT, "utf8"));
  });
  app.get("/export", async (req, res) => {
    const q = req.query;
    try {
      const job = await prepareExport(db, model, {
        seeds: many(q.seeds ?? q.from), depth: q.depth, nodeTypes: many(q.nodeTypes), excludeNodeTypes: many(q.excludeNodeTypes),
        relationshipTypes: many(q.relationshipTypes), excludeRelationshipTypes: many(q.excludeRelationshipTypes),
        asOf: q.asOf, provenance: bool(q.provenance), maxNodes: q.maxNodes, maxRelationships: q.maxRelationships,
      }, typeof q.format === "string" ? q.format : undefined);
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
        res.status(STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message, ...err.details } });
      } else {
        logger.error({ err }, "export failed");
        res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" } });
      }
    }
  });
}
