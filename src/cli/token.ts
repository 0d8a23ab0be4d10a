// `npm run token -- --agency bo-cong-an [--role REPORTER] [--expires 8h] [--subject name]`:
// signs a local token (HS256, the secret of JWT_SECRET or <NEO4J_HOME>/jwt-secret.json, the
// one the service checks) for writing to a local Policy Graph. The token alone is the last
// line of stdout, so `TOKEN=$(npm run -s token -- … | tail -1)` works; the rest goes to stderr.
// A REPORTER's agency must be an Agency of the seed, which is read without checking quotes.
import fs from "node:fs";

import { Command, Option } from "commander";
import { decodeJwt } from "jose";

import { signLocalToken, type Role } from "../auth/index.js";
import { claimTime, DEFAULT_LIFETIME, lifetimeSeconds, ROLES } from "../auth/claims.js";
import { loadConfig } from "../config/index.js";
import { pluralOf } from "../model/index.js";
import { listSeedFiles, readSeedFile } from "../seed/read.js";
import { CliError, fail } from "./output.js";

const program = new Command("token")
  .description("Sign a local token for writes (reports, figures, corrections)")
  .addOption(new Option("--role <role>", "who the bearer is").choices(ROLES).default("REPORTER"))
  .option("--agency <id>", "the Agency a REPORTER reports for (an Agency id of the seed)")
  .option("--expires <lifetime>", "how long the token lives: s, m, h or d, at most 30d", DEFAULT_LIFETIME)
  .option("--subject <name>", "who the bearer is, as written in the audit log (default local:<agency> or local:curator)")
  .parse();

const opts = program.opts<{ role: Role; agency?: string; expires: string; subject?: string }>();

/**
 * The Agency ids of the seed, without validating the rest: only the files with an agencies
 * section at the top are parsed (a tenth of the seed), each with the checks of every seed read.
 */
function seedAgencyIds(seedDir: string): Set<string> {
  const section = pluralOf("Agency");
  const top = new RegExp(`^["']?${section}["']?\\s*:`, "m");
  const ids = new Set<string>();
  for (const file of listSeedFiles(seedDir).filter((f) => top.test(fs.readFileSync(f, "latin1")))) {
    const seed = readSeedFile(file, seedDir);
    if (seed.errors.length) throw new CliError(`The seed cannot be read, so the agency cannot be checked: ${seed.errors[0]}`);
    const list = (seed.data as Record<string, unknown> | null)?.[section];
    if (!Array.isArray(list)) continue;
    for (const a of list) if (typeof (a as { id?: unknown })?.id === "string") ids.add((a as { id: string }).id);
  }
  return ids;
}

/** Edit distance, for suggesting the ids closest to a mistyped one. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

const closest = (id: string, ids: Iterable<string>, n = 3) =>
  [...ids].map((c) => ({ c, d: distance(id, c) })).sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, n).map((x) => x.c);

async function main() {
  const config = loadConfig();
  if (config.JWT_JWKS_URL) {
    throw new CliError("JWT_JWKS_URL is set, so tokens come from the identity provider; the service would refuse a local token.");
  }
  const lifetime = lifetimeSeconds(opts.expires);
  if (typeof lifetime !== "number") throw new CliError(`${lifetime.problem} (--expires).`);
  if (opts.role === "REPORTER") {
    if (!opts.agency) throw new CliError("A REPORTER token needs --agency <id>, the Agency the reporter reports for (such as bo-cong-an).");
    const ids = seedAgencyIds(config.SEED_DIR);
    if (!ids.has(opts.agency)) {
      throw new CliError(`No Agency "${opts.agency}" in the seed (${config.SEED_DIR}); the closest ids are ${closest(opts.agency, ids).join(", ")}.`);
    }
  } else if (opts.agency) {
    throw new CliError("A CURATOR acts for no agency; leave --agency out.");
  }

  const token = await signLocalToken({ role: opts.role, agencyId: opts.agency, expiresIn: opts.expires, subject: opts.subject }, config);
  const { exp, sub } = decodeJwt(token);
  const key = config.JWT_SECRET ? "JWT_SECRET" : `${config.NEO4J_HOME}/jwt-secret.json`;
  const who = opts.role === "REPORTER" ? `a REPORTER of ${opts.agency}` : "a CURATOR";
  console.error(`A token for ${who} (subject ${sub}), valid until ${claimTime(exp!)}, signed with ${key}:`);
  console.log(token);
}

main().catch(fail);
