// How command-line entry points end on an error: one clear message, exit code 1.
import { AppError } from "../errors/index.js";

export function fail(err: unknown): never {
  const message = err instanceof AppError || typeof err === "string" ? (typeof err === "string" ? err : err.message) : (err as Error).stack ?? String(err);
  console.error(message);
  process.exit(1);
}
