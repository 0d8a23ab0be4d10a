// `npm start`: start (or use NEO4J_URI's) Neo4j, supervised (src/db/supervisor.ts: restarted
// when it dies), create constraints, load the seed if the database is empty, the seed changed
// or the graph differs from what the last load recorded, serve GraphQL. It refuses a Bolt port
// already in use: one service per local Neo4j. Ctrl-C (or SIGTERM) stops everything cleanly,
// the supervisor first, so a Neo4j stopped on purpose is not restarted.
import { loadConfig } from "../config/index.js";
import { logger } from "../config/logger.js";
import { openDatabase } from "../db/connect.js";
import { portInUse } from "../db/localNeo4j.js";
import { ensureSchema } from "../db/migrations.js";
import { AppError } from "../errors/index.js";
import { buildModel } from "../model/index.js";
import { readConfiguredSeed, SeedValidationError } from "../seed/index.js";
import { loadSeed } from "../seed/load.js";
import { createApp } from "../server/app.js";
import { fail } from "./output.js";

const config = loadConfig();
const model = buildModel();

async function main() {
  if (await portInUse(config.PORT, config.HOST)) {
    throw new AppError("PORT_IN_USE", `Port ${config.PORT} is already in use: is Policy Graph already running? Stop it or set PORT.`);
  }
  const graph = readConfiguredSeed(config); // a bad seed stops us before anything starts
  const db = await openDatabase(config, (line, level) => logger[level ?? "info"](line), { attach: "refuse" });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    await app?.stop().catch(() => undefined);
    await db.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    logger.info(`Neo4j ${db.server.version} (${db.server.edition}) with APOC ${db.server.apoc} at ${db.uri}`);
    await ensureSchema(db.driver, db.database, model);
    const result = await loadSeed(db.driver, db.database, graph, model);
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    logger.info(`${result.loaded ? `Seed loaded (${result.reason})` : "Seed unchanged"}: ${total} nodes, ${result.relationships} relationships`);
    if (result.foreign) logger.warn(result.foreign);
    app = await createApp({ db, maxQueryDepth: config.MAX_QUERY_DEPTH });
    const port = await app.listen(config.PORT, config.HOST);
    logger.info(`Policy Graph ready: GraphQL and explorer at http://localhost:${port}/graphql`);
    // The pages are bundled once, now, so the first browser to open one does not wait for it.
    app.warmPages().then(() => logger.info(`Pages ready: http://localhost:${port}/graph, /dashboard and the explorer`), (e: unknown) => logger.error({ err: e }, "the pages could not be bundled"));
  } catch (err) {
    await app?.stop().catch(() => undefined);
    await db.close();
    throw db.explain(err);
  }
}

main().catch((err) => fail(err instanceof SeedValidationError ? err.message : err));
