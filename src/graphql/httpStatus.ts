// The HTTP status of an answer that failed for the service's sake, not the request's. Apollo
// answers an execution error with 200, as GraphQL over HTTP allows; but when nothing could be
// answered because Neo4j is down or the question ran out of time, a poller, a proxy or a load
// balancer needs to see it in the status: 503 (with Retry-After) or 504. An answer with some
// data keeps its 200, and request errors keep Apollo's 400. A write refused for its
// credentials says so the way HTTP clients expect: 401 with `WWW-Authenticate: Bearer` (no
// token, or a bad one) and 403 (a token not allowed this write).
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";

/** Codes of failures that are the service's, and their HTTP status. */
export const SERVICE_STATUS: Record<string, number> = { SERVICE_UNAVAILABLE: 503, QUERY_TIMEOUT: 504, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** The status an answer should carry, or undefined to leave it. Pure. */
export function serviceStatus(result: FormattedExecutionResult): number | undefined {
  const nothing = result.data == null || Object.values(result.data).every((v) => v == null);
  if (!nothing || !result.errors?.length) return undefined;
  const statuses = result.errors.map((e) => SERVICE_STATUS[String(e.extensions?.code)]).filter((s): s is number => s !== undefined);
  return statuses.length ? Math.max(...statuses) : undefined;
}

export function httpStatusPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const status = serviceStatus(response.body.singleResult);
          if (status === undefined) return;
          response.http.status = status;
          if (status === 503) response.http.headers.set("retry-after", "2");
          if (status === 401) response.http.headers.set("www-authenticate", 'Bearer realm="policy-graph"');
        },
      };
    },
  };
}
