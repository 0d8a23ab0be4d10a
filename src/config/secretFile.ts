// Secrets the project generates for itself and keeps in NEO4J_HOME (the local Neo4j's password
// in auth.json, the local JWT secret in jwt-secret.json): created once, owner-only from the
// first byte, read back by every process that needs them, so the service and the CLIs agree.
import fs from "node:fs";
import path from "node:path";

/**
 * The JSON secret in <home>/<name>: read when `accept` takes what is there, else made by
 * `create` and written (folder 0700, file 0600). A missing or unreadable-as-JSON file is
 * replaced; any other error (permission, I/O) is thrown.
 */
export function ownerOnlySecret<T>(home: string, name: string, accept: (saved: unknown) => T | undefined, create: () => T): T {
  const file = path.join(home, name);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  ownerOnly(home, 0o700);
  const read = (): T | undefined => {
    try {
      const saved = accept(JSON.parse(fs.readFileSync(file, "utf8")));
      if (saved !== undefined) ownerOnly(file, 0o600);
      return saved;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" && !(err instanceof SyntaxError)) throw err;
      return undefined;
    }
  };
  const existing = read();
  if (existing !== undefined) return existing;
  const absent = !fs.existsSync(file);
  const created = create();
  // Written beside, then put in place: a reader never sees half a file, and it is 0600 from the start.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(created) + "\n", { mode: 0o600 });
  if (!absent) {
    fs.renameSync(partial, file); // a file we could not use is replaced
    return created;
  }
  // A new file is linked, which fails if another process created one meanwhile: then both use theirs.
  try {
    fs.linkSync(partial, file);
    return created;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") { // a file system without hard links
      fs.renameSync(partial, file);
      return created;
    }
    const theirs = read();
    if (theirs !== undefined) return theirs;
    fs.renameSync(partial, file);
    return created;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Narrows a folder's or a file's mode to the owner's, when it is wider. */
export function ownerOnly(target: string, mode: number) {
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch { /* not ours to change: the server's auth still holds */ }
}
