// The size of a GraphQL answer, capped where it is sent. The bound on result objects
// (src/graphql/limits.ts) refuses most large answers before they run; this catches what it
// cannot see (long texts, JSON properties, lists bounded only by the data). An answer over
// RESPONSE_MAX_BYTES is not sent: the client gets RESPONSE_TOO_LARGE instead, as HTTP 413.
// 413 (Content Too Large) because it is content that is too large — the answer's, which the
// code says, apart from the request body's PAYLOAD_TOO_LARGE — and a 4xx rather than a 5xx
// because nothing failed: the same question would be refused again; a narrower one will not.
// Apollo sends a complete answer with one res.send, which is where it is measured. Exports
// stream and are bounded by their own node and relationship limits.
import type { RequestHandler } from "express";

import { logger } from "../config/logger.js";
import { refuse } from "./refuse.js";
import { requestOf } from "./requests.js";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 1)} MB`;

export function capResponse(maxBytes: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    let replaced = false;
    res.send = (body?: unknown) => {
      const bytes = typeof body === "string" ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : 0;
      if (replaced || bytes <= maxBytes) return send(body);
      replaced = true;
      logger.warn({ requestId: requestOf(res).requestId, bytes, maxBytes }, "a GraphQL answer over the size cap was not sent");
      refuse(res, "graphql", 413, "RESPONSE_TOO_LARGE",
        `The answer is ${mb(bytes)}, over the limit of ${mb(maxBytes)}; ask for fewer fields or smaller pages (limit, first) and page through the rest`,
        { bytes, maxBytes });
      return res;
    };
    next();
  };
}
