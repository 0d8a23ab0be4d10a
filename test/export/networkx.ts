// The NetworkX readers the GEXF and GraphML tests read with, as researchers would: Debian's
// (2.8, /usr/bin/python3, installed by test/support/ensure-networkx.sh), Debian 13's 3.2 (unpacked
// by the same script, on /usr/bin/python3's PYTHONPATH), and the first python3 (on the PATH, or
// pyenv's) whose NetworkX reads GEXF 1.3 (3.3 and later; this machine's image ships 3.6 in pyenv). Neither Debian's reads 1.3.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface Reader {
  name: string;
  python: string;
  env: NodeJS.ProcessEnv;
}

const NX3 = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "policy-graph/networkx3/usr/lib/python3/dist-packages");

const probe = (python: string, env: NodeJS.ProcessEnv) => {
  const run = spawnSync(python, ["-c", "import json, networkx; from networkx.readwrite import gexf; print(json.dumps([networkx.__version__, sorted(gexf.GEXF.versions)]))"], { encoding: "utf8", env });
  return run.status === 0 ? (JSON.parse(run.stdout) as [string, string[]]) : undefined;
};

export const DEBIAN: Reader = { name: "Debian 12's NetworkX", python: "/usr/bin/python3", env: { ...process.env, PYTHONPATH: "" } };

/** Debian 13's NetworkX 3.2, or an error saying how to get it. */
export function debian13(): Reader {
  const reader = { name: "Debian 13's NetworkX", python: "/usr/bin/python3", env: { ...process.env, PYTHONPATH: NX3 } };
  const found = existsSync(NX3) ? probe(reader.python, reader.env) : undefined;
  if (!found?.[0].startsWith("3.")) throw new Error(`Debian 13's NetworkX is not unpacked in ${NX3}: run \`bash test/support/ensure-networkx.sh\``);
  return { ...reader, name: `${reader.name} ${found[0]}` };
}

/** A NetworkX that reads GEXF 1.3 (read_gexf(version="1.3")), from the python3s on the PATH. */
export function reading13(): Reader {
  const onPath = spawnSync("bash", ["-c", "which -a python3"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  // the image's pyenv python3, should a run's PATH lack its shims
  const pythons = [...new Set([...onPath, join(homedir(), ".pyenv/shims/python3"), "/usr/local/bin/python3"])].filter((p) => existsSync(p));
  for (const python of pythons) {
    const env = { ...process.env, PYTHONPATH: "" };
    const found = probe(python, env);
    if (found?.[1].includes("1.3")) return { name: `NetworkX ${found[0]} (${python})`, python, env };
  }
  throw new Error(`No python3 on the PATH (${pythons.join(", ")}) has a NetworkX that reads GEXF 1.3 (3.3 or later)`);
}

export function networkx(reader: Reader, script: string, ...args: string[]): Record<string, any> {
  const run = spawnSync(reader.python, ["-c", script, ...args], { encoding: "utf8", env: reader.env, maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) throw new Error(`${reader.name} failed on ${args[0]}: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, any>;
}
