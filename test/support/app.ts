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
