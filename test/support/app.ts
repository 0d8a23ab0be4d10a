// The service in-process, on the test database: for tests that call Apollo directly or over HTTP.
import type { Driver } from "neo4j-driver";

import { checkServer } from "../../src/db/compat.js";
import { createContext, type Context } from "../../src/graphql/context.js";
import { createApp, type App, type AppOptions } from "../../src/server/app.js";
import { database, testDriver } from "./db.js";

export interface TestApp { driver: Driver; app: App; context(): Context; close(): Promise<void> }

export async function startTestApp(maxQueryDepth = 12, opts: Pick<AppOptions, "authenticator"> = {}): Promise<TestApp> {
  const driver = testDriver();
  const server = await checkServer(driver, database);
  const app = await createApp({ db: { driver, database, uri: process.env.POLICY_GRAPH_TEST_URI!, server }, maxQueryDepth, ...opts });
  return {
    driver,
    app,
    /** a fresh request context, as the HTTP layer builds one per request */
    context: () => createContext({ driver, database }),
    close: async () => {
      await app.stop();
      await driver.close();
    },
  };
}

/** What POST /graphql answers. */
export interface GqlBody { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[] }

export interface HttpTestApp extends TestApp {
  /** http://127.0.0.1:<port> */
  base: string;
  /** POSTs a document to /graphql as a client does, and returns the parsed body */
  gql(query: string, variables?: Record<string, unknown>): Promise<GqlBody>;
}

/** The service listening on a free port of 127.0.0.1, for tests that go over HTTP. */
export async function startHttpTestApp(maxQueryDepth = 12, opts: Pick<AppOptions, "authenticator"> = {}): Promise<HttpTestApp> {
  const t = await startTestApp(maxQueryDepth, opts);
  const base = `http://127.0.0.1:${await t.app.listen(0, "127.0.0.1")}`;
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GqlBody;
  };
  return { ...t, base, gql };
}
