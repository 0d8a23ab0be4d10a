// `npm run seed:check`: validates every seed file without touching a database.
import { loadConfig } from "../config/index.js";
import { readConfiguredSeed, SeedValidationError } from "../seed/index.js";

try {
  const graph = readConfiguredSeed(loadConfig());
  const counts = new Map<string, number>();
  for (const n of graph.nodes.values()) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  console.log(`Seed is valid: ${graph.nodes.size} nodes, ${graph.relationships.length} relationships, ${graph.citations.length} citations.`);
  for (const [type, n] of [...counts].sort()) console.log(`  ${type.padEnd(18)} ${n}`);
} catch (err) {
  if (err instanceof SeedValidationError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
