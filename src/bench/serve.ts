// The concurrency run's server: the HTTP service (createApp) on a free loopback port, in a
// process of its own so that the load generator does not share its event loop, on the Neo4j
// at argv[2] (NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE from the environment, which also
// decides ANSWER_CACHE_ENTRIES). Prints `LISTENING <port>`; SIGTERM stops it.
import { loadConfig } from "../config/index.js";
import { checkServer } from "../db/compat.js";
import { createDriver } from "../db/driver.js";
import { createApp } from "../server/app.js";

async function main() {
  const uri = process.argv[2];
  if (!uri) throw new Error("usage: serve.ts bolt://host:port");
  const config = loadConfig();
  const driver = createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD });
  const server = await checkServer(driver, config.NEO4J_DATABASE);
  const app = await createApp({ db: { driver, database: config.NEO4J_DATABASE, uri, server }, maxQueryDepth: config.MAX_QUERY_DEPTH });
  const port = await app.listen(0, "127.0.0.1");
  process.once("SIGTERM", () => {
    void app.stop().then(() => driver.close()).then(() => process.exit(0));
  });
  console.log(`LISTENING ${port}`);
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
