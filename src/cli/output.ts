// How command-line entry points end on an error: one clear message, exit code 1. Errors a
// user can act on (AppError, CliError: e.g. a file the system refused, via cannotWrite) are
// one sentence; only an unexpected error (a bug) prints its stack.
import path from "node:path";

import { AppError } from "../errors/index.js";

/** A failure the user can act on, already said in one sentence. */
export class CliError extends Error {
  override name = "CliError";
}

type SystemError = Error & { code: string; path?: string };
// Not `instanceof Error`: errors from Node's own modules may come from another realm (a vm, jest).
const isSystemError = (err: unknown): err is SystemError =>
  typeof err === "object" && err !== null && typeof (err as SystemError).code === "string" && /^E[A-Z]+$/.test((err as SystemError).code);

/** Why the system refused a file, in words; the folder is named for ENOENT (the file itself is about to be created). */
function reason(file: string, err: SystemError): string {
  switch (err.code) {
    case "ENOSPC": return "no space left on device";
    case "EDQUOT": return "the disk quota is exceeded";
    case "EFBIG": return "the file is larger than the file system allows";
    case "EACCES": case "EPERM": return "permission denied";
    case "EROFS": return "the file system is read-only";
    case "ENOENT": return `the folder ${path.dirname(file)} does not exist`;
    case "ENOTDIR": return `part of the path is not a folder`;
    case "EISDIR": return "it is a folder";
    case "ENAMETOOLONG": return "the name is too long";
    case "ELOOP": return "it is a loop of symbolic links";
    case "EPIPE": return "the reader closed it before the export was written";
    case "ENXIO": return "nothing is there to write to (no reader, or no device)";
    case "EIO": return "an input/output error";
    default: return `the system refused (${err.code})`;
  }
}

/** "Cannot write /nope/x.graphml: the folder /nope does not exist", for a file the user named. */
export function cannotWrite(file: string, err: unknown): unknown {
  return isSystemError(err) ? new CliError(`Cannot write ${file}: ${reason(file, err)}`) : err;
}

export function fail(err: unknown): never {
  let message: string;
  if (typeof err === "string") message = err;
  else if (err instanceof AppError || err instanceof CliError) message = err.message;
  else message = (err as Error)?.stack ?? String(err);
  console.error(message);
  process.exit(1);
}
