// The HTTP service: Apollo Server on /graphql (POST and GET), the offline explorer (GraphiQL,
// explorer.ts, bundled from src/web/explorer) on GET /graphql from a browser, the pages /graph and /dashboard
// (pages.ts, bundled by bundle.ts from src/web), and /health (health.ts). Wires the pieces;
// the work is done in src/graphql and below. A request to /graphql passes, in order: its id
// and cancellation on disconnect (requests.ts), the body parser, its class (shipped or
// ad-hoc) and the rate limit on ad-hoc work (rateLimit.ts), admission to its share of the
// pool (admission.ts), a GET let past the CSRF check (csrf.ts), the size cap on its
// answer (responseCap.ts), then Apollo with the request bounds of src/graphql (armor, paging
// and answer size, filters) and its HTTP caching (cacheControl.ts). GET /export passes CORS
// (any origin), the same id, rate limit and admission.
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import helmet from "helmet";
import http from "node:http";

import { loadConfig, type Config } from "../config/index.js";
import type { Database } from "../db/connect.js";
import { parseOptions, requestRules } from "../graphql/armor.js";
import { formatError } from "../graphql/errors.js";
import { filtersPlugin } from "../graphql/filters.js";
import { cacheControlPlugins } from "../graphql/cacheControl.js";
import { httpStatusPlugin } from "../graphql/httpStatus.js";
import { byHash, persistedQueryCache } from "../graphql/persisted.js";
import { limitsPlugin } from "../graphql/limits.js";
import { createContext, type Context } from "../graphql/context.js";
import { buildSchema } from "../graphql/schema.js";
import { buildModel } from "../model/index.js";
import { createAdmission, shippedDocuments, type AdmissionLimits } from "./admission.js";
import { createAuthenticator, type Authenticator } from "../auth/index.js";
import { explorerRoute } from "./explorer.js";
import { getsPass } from "./csrf.js";
import { exportCors, exportRoutes } from "./export.js";
import { healthRoute, type HealthDb } from "./health.js";
import { pageRoutes } from "./pages.js";
import { httpErrors } from "./httpErrors.js";
import { rateLimits, type RateLimits } from "./rateLimit.js";
import { requestDb, requestScope } from "./requests.js";
import { capResponse } from "./responseCap.js";

/** The operation name a request names (POST body or GET query), for logs and transaction metadata. */
const operationNameOf = (...sources: unknown[]): string | undefined => {
  for (const s of sources) {
    const name = (s as { operationName?: unknown } | undefined)?.operationName;
    if (typeof name === "string" && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return name;
  }
  return undefined;
};

/** A GET that asks an operation (by its text, or by its hash alone) is the API's, whatever it accepts; only a bare GET gets the explorer. */
const isOperation = (query: Record<string, unknown>): boolean => ["query", "extensions", "operationName", "variables"].some((k) => query[k] !== undefined);

/** The service's bounds on requests: admission, rate limits, the size of an answer (settings of src/config). */
export type RequestBounds = AdmissionLimits & RateLimits & Pick<Config, "RESPONSE_MAX_BYTES">;

const boundsOf = (c: Config): RequestBounds => ({
  ADMISSION_SHARED_CONNECTIONS: c.ADMISSION_SHARED_CONNECTIONS, ADMISSION_SHARED_QUEUE: c.ADMISSION_SHARED_QUEUE,
  ADMISSION_PER_CLIENT: c.ADMISSION_PER_CLIENT, ADMISSION_PER_CLIENT_QUEUE: c.ADMISSION_PER_CLIENT_QUEUE,
  RATE_LIMIT_WINDOW_MS: c.RATE_LIMIT_WINDOW_MS, RATE_LIMIT_ADHOC: c.RATE_LIMIT_ADHOC, RATE_LIMIT_EXPORTS: c.RATE_LIMIT_EXPORTS, RATE_LIMIT_REFUSED: c.RATE_LIMIT_REFUSED,
  RESPONSE_MAX_BYTES: c.RESPONSE_MAX_BYTES,
});

export interface AppOptions {
  /** the database; with `state` (a Database of src/db/connect.ts), /health reports its supervisor's state too */
  db: Pick<Database, "driver" | "database" | "uri" | "server"> & Pick<HealthDb, "state">;
  maxQueryDepth: number;
  /** any of the request bounds, over the configuration's (tests set small ones) */
  bounds?: Partial<RequestBounds>;
  /** who may write: the configuration's JWT settings by default (tests pass their own) */
  authenticator?: Authenticator;
}

export interface App {
  app: express.Express;
  bounds: RequestBounds;
  admission: ReturnType<typeof createAdmission>;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** builds the pages' bundles now rather than at the first page opened (npm start calls it once listening) */
  warmPages(): Promise<void>;
  /** starts listening; resolves with the actual port */
  listen(port: number, host: string): Promise<number>;
  stop(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const bounds: RequestBounds = { ...boundsOf(loadConfig()), ...opts.bounds };
  const { schema, neoSchema } = await buildSchema(opts.db.driver);
  const authenticator = opts.authenticator ?? createAuthenticator();
  // The library's own check of the server (version, APOC), with its own message.
  await neoSchema.checkNeo4jCompat({ sessionConfig: { database: opts.db.database } });
  const app = express();
  app.disable("x-powered-by");
  // Security headers; each page (pages.ts, explorer.ts) sends its own Content-Security-Policy.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    validationRules: requestRules(opts.maxQueryDepth),
    parseOptions,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), filtersPlugin(schema), limitsPlugin(schema), httpStatusPlugin(), ...cacheControlPlugins<Context>()],
    introspection: true,
    includeStacktraceInErrorResponses: false,
    persistedQueries: { cache: persistedQueryCache(byHash(shippedDocuments())) },
  });
  await apollo.start();

  const explorer = explorerRoute();
  app.get("/health", healthRoute(opts.db));
  app.get("/", (_req, res) => res.redirect("/graphql"));
  const bundler = pageRoutes(app);
  const scope = requestScope(opts.db);
  const admission = createAdmission(bounds);
  const limits = rateLimits(bounds);
  app.use("/export", exportCors); // a notebook in a browser fetches exports from anywhere
  app.get("/export", scope, limits.refusedExports, limits.exports, admission.export); // then the export route itself
  exportRoutes(app, opts.db, buildModel());
  app.get("/graphql", (req, res, next) => {
    // A browser asking for a page gets the explorer; API clients' GET queries go to Apollo.
    if (!isOperation(req.query) && req.accepts(["text/html", "application/json"]) === "text/html") explorer(req, res, next);
    else next();
  });
  app.use(
    "/graphql",
    cors(),
    scope,
    limits.refusedGraphql,
    express.json({ limit: "1mb" }),
    admission.classify,
    getsPass,
    limits.adhoc,
    admission.graphql,
    capResponse(bounds.RESPONSE_MAX_BYTES),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(requestDb(opts.db, res), operationNameOf(req.body, req.query), () => authenticator.identify(req.headers.authorization)),
    }),
  );

  app.use(httpErrors); // last: anything thrown above answers as JSON with a code

  return {
    app,
    bounds,
    admission,
    httpServer,
    apollo,
    warmPages: async () => { await bundler.asset("explorer.js"); },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    stop: async () => {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}
