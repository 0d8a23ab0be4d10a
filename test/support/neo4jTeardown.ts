import fs from "node:fs";

import type { LocalNeo4j } from "../../src/db/localNeo4j.js";

export default async function globalTeardown() {
  const started = (globalThis as Record<string, unknown>).__policyGraphNeo4j as { local: LocalNeo4j; dataDir: string } | undefined;
  if (!started) return;
  await started.local.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
