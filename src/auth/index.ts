// Who is writing. Reading the graph stays open to anyone; a write (a progress report, a figure,
// a curator's correction) must carry a signed token saying who its bearer is: a REPORTER of
// one Agency, or a CURATOR. Two modes, one at a time:
//   local  HS256, with JWT_SECRET or, when it is unset, a secret generated once into
//          <NEO4J_HOME>/jwt-secret.json, the file `npm run token` signs with;
//   jwks   RS256 tokens of an identity provider, checked against its keys (JWT_JWKS_URL).
// Every refusal is UNAUTHENTICATED with one sentence saying why; the token is never repeated.
// What an identity may write is not decided here (src/reports).
import { randomBytes } from "node:crypto";

import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from "jose";

import { loadConfig, type Config } from "../config/index.js";
import { ownerOnlySecret } from "../config/secretFile.js";
import { AppError } from "../errors/index.js";
import { bearerOf, claimTime, DEFAULT_LIFETIME, lifetimeSeconds, MAX_AGENCY, MAX_SUBJECT, type Role } from "./claims.js";

export type { Role } from "./claims.js";

export interface Identity { subject: string; role: Role; agencyId: string | null }

export interface Authenticator {
  /** null for no Authorization header (an anonymous reader); else the bearer, or UNAUTHENTICATED */
  identify(authorization: string | undefined): Promise<Identity | null>;
  mode: "local" | "jwks";
}

export type AuthSettings = Pick<Config, "JWT_SECRET" | "JWT_JWKS_URL" | "JWT_ISSUER" | "JWT_AUDIENCE" | "NEO4J_HOME">;

/** bytes of a token; an identity provider's tokens are a few KB at most */
const MAX_TOKEN_BYTES = 8 * 1024;
const CLOCK_TOLERANCE_S = 30;
const SECRET_FILE = "jwt-secret.json";
const SECRET_BYTES = 32;

const unauthenticated = (why: string) => new AppError("UNAUTHENTICATED", why);

/** The settings given, the rest from the environment (and its defaults). */
function settingsOf(given: Partial<AuthSettings> = {}): AuthSettings {
  const keys = ["JWT_SECRET", "JWT_JWKS_URL", "JWT_ISSUER", "JWT_AUDIENCE", "NEO4J_HOME"] as const;
  const fromEnv = keys.every((k) => k in given) ? undefined : loadConfig();
  const settings = Object.fromEntries(keys.map((k) => [k, k in given ? given[k] : fromEnv![k]])) as AuthSettings;
  // the same rules as the environment's, for settings given in code
  if (settings.JWT_SECRET !== undefined && settings.JWT_SECRET.length < 32) throw new Error("Invalid settings: JWT_SECRET: at least 32 characters (a shorter secret can be guessed)");
  if (settings.JWT_SECRET && settings.JWT_JWKS_URL) throw new Error("Invalid settings: set JWT_SECRET or JWT_JWKS_URL, not both");
  return settings;
}

/**
 * The local HS256 secret: 32 random bytes generated once into <home>/jwt-secret.json (0600,
 * folder 0700), then read back by the service and by `npm run token` alike.
 */
export function localSecret(home: string): Uint8Array {
  const { secret } = ownerOnlySecret(home, SECRET_FILE, (saved) => {
    const secret = (saved as { secret?: unknown } | null)?.secret;
    return typeof secret === "string" && Buffer.from(secret, "base64url").length >= SECRET_BYTES ? { secret } : undefined;
  }, () => ({ alg: "HS256", secret: randomBytes(SECRET_BYTES).toString("base64url") }));
  return new Uint8Array(Buffer.from(secret, "base64url"));
}

const hmacKey = (s: AuthSettings) => (s.JWT_SECRET ? new TextEncoder().encode(s.JWT_SECRET) : localSecret(s.NEO4J_HOME));

export function createAuthenticator(config?: Partial<AuthSettings>): Authenticator {
  const s = settingsOf(config);
  const mode = s.JWT_JWKS_URL ? "jwks" : "local";
  const alg = mode === "jwks" ? "RS256" : "HS256";
  // jose caches the provider's keys and fetches them again for an unknown kid (at most every 30 s)
  const key = s.JWT_JWKS_URL ? createRemoteJWKSet(new URL(s.JWT_JWKS_URL)) : hmacKey(s);

  const verify = async (token: string): Promise<JWTPayload> => {
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated("The bearer token is not a JWT (three base64url parts separated by dots)");
    }
    if (header.alg !== alg) {
      const named = header.alg === undefined ? "no alg" : header.alg === "none" ? 'alg "none" (unsigned)' : `alg ${JSON.stringify(header.alg).slice(0, 24)}`;
      throw unauthenticated(`The token has ${named}; this service accepts ${alg} tokens only`);
    }
    try {
      const options = { issuer: s.JWT_ISSUER, audience: s.JWT_AUDIENCE, algorithms: [alg], clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ["exp"] };
      // two calls, not one: jose types a key and a key-getter as different overloads
      const { payload } = typeof key === "function" ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      return payload;
    } catch (err) {
      throw refusal(err, s, mode);
    }
  };

  return {
    mode,
    async identify(authorization) {
      if (authorization === undefined || authorization === "") return null;
      const m = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
      const token = m[1]!;
      if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) throw unauthenticated(`The token is longer than ${MAX_TOKEN_BYTES} bytes, the most accepted`);
      const bearer = bearerOf(await verify(token));
      if ("problem" in bearer) throw unauthenticated(bearer.problem);
      return bearer;
    },
  };
}

/** Why jose refused a token, in one sentence; a provider that cannot be reached is not the bearer's fault. */
function refusal(err: unknown, s: AuthSettings, mode: "local" | "jwks"): AppError {
  if (err instanceof errors.JWTExpired) {
    const exp = typeof err.payload.exp === "number" ? ` (exp ${claimTime(err.payload.exp)})` : "";
    return unauthenticated(`The token has expired${exp}`);
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason, payload } = err;
    if (reason === "missing") return unauthenticated(`The token has no ${claim} claim${claim === "exp" ? "; a token without an expiry is refused" : ""}`);
    if (claim === "iss") return unauthenticated(`The token's issuer is ${quoted(payload.iss)}; this service accepts "${s.JWT_ISSUER}" (JWT_ISSUER)`);
    if (claim === "aud") return unauthenticated(`The token's audience is ${quoted(payload.aud)}; this service accepts "${s.JWT_AUDIENCE}" (JWT_AUDIENCE)`);
    if (claim === "nbf" && typeof payload.nbf === "number") return unauthenticated(`The token is not valid before ${claimTime(payload.nbf)}`);
    return unauthenticated(`The token's ${claim} claim is invalid (${reason})`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return unauthenticated(`The token's signature does not verify: it was signed with another key${mode === "local" ? " (another JWT_SECRET or jwt-secret.json)" : ""}, or altered`);
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthenticated("No single key of the identity provider (JWT_JWKS_URL) matches the token's kid");
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return unauthenticated("The token's algorithm or key type is not accepted");
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return unauthenticated("The bearer token is not a well-formed JWT (its header or payload is not JSON)");
  if (mode === "jwks") {
    // JWKSTimeout, JWKSInvalid, a non-200 answer, a refused connection
    const why = err instanceof Error ? err.message.slice(0, 200) : String(err);
    return new AppError("SERVICE_UNAVAILABLE", `The identity provider's keys (JWT_JWKS_URL) could not be read: ${why}`);
  }
  throw err;
}

const quoted = (v: unknown) => (v === undefined ? "missing" : JSON.stringify(v)!.slice(0, 100));

/** A token of the local mode (HS256, issuer and audience of the settings) for `npm run token` and the tests. */
export async function signLocalToken(
  opts: { role: Role; agencyId?: string; expiresIn?: string; subject?: string },
  config?: Partial<AuthSettings>,
): Promise<string> {
  const s = settingsOf(config);
  if (s.JWT_JWKS_URL) throw new AppError("BAD_USER_INPUT", "JWT_JWKS_URL is set, so tokens come from the identity provider; local tokens would be refused");
  const lifetime = lifetimeSeconds(opts.expiresIn ?? DEFAULT_LIFETIME);
  if (typeof lifetime !== "number") throw new AppError("BAD_USER_INPUT", lifetime.problem);
  if (opts.role === "REPORTER" && !opts.agencyId) throw new AppError("BAD_USER_INPUT", "A REPORTER token needs an agency id (the Agency the reporter reports for)");
  if (opts.agencyId && opts.agencyId.length > MAX_AGENCY) throw new AppError("BAD_USER_INPUT", `An agency id is at most ${MAX_AGENCY} characters`);
  const subject = opts.subject ?? (opts.role === "REPORTER" ? `local:${opts.agencyId}` : "local:curator");
  if (subject.length < 1 || subject.length > MAX_SUBJECT) throw new AppError("BAD_USER_INPUT", `A token's subject is 1 to ${MAX_SUBJECT} characters`);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: opts.role, ...(opts.role === "REPORTER" ? { agency: opts.agencyId } : {}) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(subject)
    .setIssuer(s.JWT_ISSUER)
    .setAudience(s.JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetime)
    .sign(hmacKey(s));
}
