// A refusal of the HTTP layer, in the shape its route answers errors in: GraphQL over HTTP's
// `{ errors: [{ message, extensions: { code } }] }` on /graphql, the export route's
// `{ error: { code, message } }` on /export.
import type { Response } from "express";

export type Shape = "graphql" | "export";

export function refuse(res: Response, shape: Shape, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  res.status(status).type("application/json");
  if (shape === "graphql") res.json({ errors: [{ message, extensions: { code, ...details } }] });
  else res.json({ error: { code, message, ...details } });
}
