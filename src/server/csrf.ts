// Which requests Apollo Server's CSRF prevention checks. It refuses (400) a request that a
// browser could send from any page without a CORS preflight, a GET or a form-like POST, unless
// it has a non-simple content type or an `apollo-require-preflight` (or
// `x-apollo-operation-name`) header. Here a GET is let through as if it had the header:
// - a GET can only read (Apollo answers a mutation over GET with 405), reads are public, and
//   no credential rides along by itself (a write's bearer token is a header no page can make a
//   browser send), so a cross-site GET learns or changes nothing;
// - /graphql sends CORS for any origin anyway, so the header would stop no page, only clients:
//   urql sends queries by GET with no such header by default, and a dashboard polls with a URL.
// A POST is still checked: a text/plain or form POST is refused, whatever it asks.
import type { RequestHandler } from "express";

/** Before Apollo: a GET passes its CSRF check (see above). */
export const getsPass: RequestHandler = (req, _res, next) => {
  if (req.method === "GET" && !req.headers["apollo-require-preflight"]) req.headers["apollo-require-preflight"] = "get";
  next();
};
