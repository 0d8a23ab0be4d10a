// HTTP caching of answers, so that a dashboard polling with GET can be served by its browser's
// cache or a proxy. Apollo Server's cache control plugin computes an answer's max-age from the
// @cacheControl hints of schema/ (schema/cacheControl.graphql declares the directive): the
// least of its parts', where a type or an object field with no hint takes LIVE_MAX_AGE (so
// anything not marked static, the library's generated types included, is live data). It then
// sends `max-age=N, public`, or `no-store` for an answer with errors. This plugin keeps that
// only for what a shared cache may keep: a GET of a query with no credentials. A POST, a
// request with an Authorization header and a mutation get `no-store`. Writes also drop the
// server's own answers at once (src/db/answers.ts); a client's cache sees them within LIVE_MAX_AGE.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";

/** Seconds an answer with live data (statuses, reports, figures, warnings, changes, dashboard) may be kept. */
export const LIVE_MAX_AGE = 10;
/** Seconds an answer holding only the seeded facts (documents, sections, tasks' texts, agencies, …) may be kept; schema/ writes it as @cacheControl(maxAge: 300). */
export const STATIC_MAX_AGE = 300;

export const UNCACHEABLE = "no-store";

/** Whether a shared cache may keep the answer to this request at all. Pure. */
export function mayCache(request: { method?: string; authorization?: boolean; operation?: string }): boolean {
  return request.method === "GET" && !request.authorization && request.operation === "query";
}

export function cacheControlPlugins<T extends BaseContext>(): ApolloServerPlugin<T>[] {
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: LIVE_MAX_AGE }),
    {
      async requestDidStart() {
        return {
          // after the cache control plugin's own willSendResponse (plugins run in order)
          async willSendResponse({ request, response, operation }) {
            const cacheable = mayCache({ method: request.http?.method, authorization: request.http?.headers.has("authorization"), operation: operation?.operation });
            if (!cacheable) response.http.headers.set("cache-control", UNCACHEABLE);
            // GET answers are negotiated by Accept (application/json or graphql-response+json)
            else response.http.headers.set("vary", "accept");
          },
        };
      },
    },
  ];
}
