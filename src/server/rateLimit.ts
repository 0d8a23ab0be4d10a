// Rate limits on the expensive kinds of request, per client (IP), with express-rate-limit:
// ad-hoc GraphQL documents (anything but a shipped operation of queries/, which admission
// classifies first) and exports. Over the limit: 429 TOO_MANY_REQUESTS in the route's shape,
// with Retry-After (seconds to the end of the window) and the RateLimit headers. A request
// refused with a 4xx or failing with a 5xx is not counted: refusals are cheap (the bounds of
// src/graphql and the export's parameters stop them before any work), so a client correcting
// its request is not punished for it. Refusals have a limit of their own instead (first in
// line, so that a client over it costs no parsing at all): a client that sends hundreds of
// requests a minute that are refused is flooding, and each refusal still takes the event
// loop a few milliseconds. A limit of 0 turns it off. The defaults leave the test suite and
// the bench untouched.
import type { RequestHandler } from "express";
import { rateLimit, type Options } from "express-rate-limit";

import type { Config } from "../config/index.js";
import { refuse, type Shape } from "./refuse.js";
import { requestOf } from "./requests.js";

export type RateLimits = Pick<Config, "RATE_LIMIT_WINDOW_MS" | "RATE_LIMIT_ADHOC" | "RATE_LIMIT_EXPORTS" | "RATE_LIMIT_REFUSED">;

const pass: RequestHandler = (_req, _res, next) => next();

function limiter(windowMs: number, limit: number, shape: Shape, what: string, skip?: Options["skip"], count: "done" | "refused" = "done"): RequestHandler {
  if (limit === 0) return pass;
  const seconds = Math.round(windowMs / 1000);
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // "done": requests that did work (refused and failed ones are not counted); "refused": only those answered 4xx
    skipFailedRequests: count === "done",
    skipSuccessfulRequests: count === "refused",
    ...(count === "refused" ? { requestWasSuccessful: (_req, res) => res.statusCode < 400 || res.statusCode >= 500 || res.statusCode === 429 } : {}),
    skip,
    handler: (_req, res) => {
      const retry = res.getHeader("Retry-After");
      refuse(res, shape, 429, "TOO_MANY_REQUESTS", `Over the rate limit of ${limit} ${what} per client every ${seconds} s; retry after ${retry ?? seconds} s`);
    },
  });
}

export function rateLimits(limits: RateLimits) {
  return {
    /** for /graphql once the request is classified (admission.classify): shipped operations pass */
    adhoc: limiter(limits.RATE_LIMIT_WINDOW_MS, limits.RATE_LIMIT_ADHOC, "graphql", "ad-hoc GraphQL documents (the operations of queries/ are not limited)",
      (_req, res) => requestOf(res).kind === "shipped"),
    exports: limiter(limits.RATE_LIMIT_WINDOW_MS, limits.RATE_LIMIT_EXPORTS, "export", "exports"),
    /** first on /graphql: requests refused with a 4xx (429s aside), shipped or not */
    refusedGraphql: limiter(limits.RATE_LIMIT_WINDOW_MS, limits.RATE_LIMIT_REFUSED, "graphql", "refused requests", undefined, "refused"),
    refusedExports: limiter(limits.RATE_LIMIT_WINDOW_MS, limits.RATE_LIMIT_REFUSED, "export", "refused exports", undefined, "refused"),
  };
}
