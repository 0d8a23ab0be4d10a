// Errors of the HTTP layer as values (issue 9, item 3): what body-parser and the rest of
// Express throw before GraphQL sees a request — malformed JSON, a body over the limit, an
// unsupported charset or encoding, a broken gzip stream — becomes a JSON GraphQL-style error
// with a code and a fitting status, never Express's HTML page with a stack and server paths.
import type { ErrorRequestHandler } from "express";

import { logger } from "../config/logger.js";

const KNOWN: Record<string, { status: number; code: string; message: string }> = {
  "entity.parse.failed": { status: 400, code: "BAD_REQUEST", message: "The request body is not valid JSON" },
  "entity.too.large": { status: 413, code: "PAYLOAD_TOO_LARGE", message: "The request body is over the limit of 1 MB" },
  "charset.unsupported": { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "The request body's charset is not supported; send UTF-8" },
  "encoding.unsupported": { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "The request body's content encoding is not supported; send identity, gzip or deflate" },
  "request.aborted": { status: 400, code: "BAD_REQUEST", message: "The request was aborted before its body arrived" },
  "request.size.invalid": { status: 400, code: "BAD_REQUEST", message: "The request body's length does not match its Content-Length" },
  "stream.encoding.set": { status: 500, code: "INTERNAL_SERVER_ERROR", message: "Internal server error" },
};

export const httpErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const e = err as { type?: string; status?: number; code?: string };
  const known = (e.type ? KNOWN[e.type] : undefined)
    // a broken gzip/deflate stream (zlib) is the client's fault too
    ?? (typeof e.code === "string" && e.code.startsWith("Z_") ? { status: 400, code: "BAD_REQUEST", message: "The request body's compressed stream is invalid" } : undefined);
  if (!known) logger.error({ err }, "unexpected error in the HTTP layer");
  const { status, code, message } = known ?? { status: 500, code: "INTERNAL_SERVER_ERROR", message: "Internal server error" };
  res.status(status).type("application/json").json({ errors: [{ message, extensions: { code } }] });
};
