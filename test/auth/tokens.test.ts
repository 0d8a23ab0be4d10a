// Who is writing: a token is a REPORTER of one agency or a CURATOR, or it is refused with
// UNAUTHENTICATED and one sentence; no token is an anonymous reader. Local tokens are HS256
// (JWT_SECRET, or the secret generated into NEO4J_HOME), an identity provider's are RS256
// against its JWKS. No database is used.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

import { createAuthenticator, localSecret, signLocalToken, type AuthSettings } from "../../src/auth/index.js";
import { loadConfig, PROJECT_ROOT } from "../../src/config/index.js";
import { AppError } from "../../src/errors/index.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-auth-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const secret = randomBytes(32).toString("base64url");
const local: AuthSettings = { JWT_SECRET: secret, JWT_JWKS_URL: undefined, JWT_ISSUER: "policy-graph", JWT_AUDIENCE: "policy-graph", NEO4J_HOME: path.join(tmp, "home") };
const auth = createAuthenticator(local);
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with `key` (the local secret by default): a valid REPORTER unless told otherwise. */
function sign(claims: JWTPayload, opts: { key?: Uint8Array; exp?: number | null; iss?: string; aud?: string } = {}) {
  const jwt = new SignJWT({ role: "REPORTER", agency: "bo-cong-an", sub: "tester", ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(opts.iss ?? "policy-graph")
    .setAudience(opts.aud ?? "policy-graph")
    .setIssuedAt();
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 600);
  return jwt.sign(opts.key ?? new TextEncoder().encode(secret));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** identify's refusal: its code and message, after checking it does not repeat the token. */
async function refusal(authorization: string, authenticator = auth): Promise<{ code: string; message: string }> {
  const err = await authenticator.identify(authorization).then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  const token = authorization.replace(/^Bearer\s+/i, "");
  for (const part of token.split(".").filter((p) => p.length > 8)) expect(err.message).not.toContain(part);
  expect(err.message.split(/[.;]\s/).length).toBeLessThanOrEqual(2); // one sentence, at most one clause after a semicolon
  return { code: err.code, message: err.message };
}

describe("local tokens (HS256)", () => {
  test("no Authorization header, or an empty one, is an anonymous reader", async () => {
    expect(await auth.identify(undefined)).toBeNull();
    expect(await auth.identify("")).toBeNull();
    expect(auth.mode).toBe("local");
  });

  test("a REPORTER token is its subject, role and agency; a CURATOR has no agency", async () => {
    const reporter = await signLocalToken({ role: "REPORTER", agencyId: "bo-cong-an" }, local);
    expect(await auth.identify(`Bearer ${reporter}`)).toEqual({ subject: "local:bo-cong-an", role: "REPORTER", agencyId: "bo-cong-an" });
    const curator = await signLocalToken({ role: "CURATOR", subject: "curator:lan" }, local);
    expect(await auth.identify(`bearer ${curator}`)).toEqual({ subject: "curator:lan", role: "CURATOR", agencyId: null });
    // an agency claim on a curator's token (a provider may add one) is not read
    expect(await auth.identify(`Bearer ${await sign({ role: "CURATOR", agency: 7 })}`)).toEqual({ subject: "tester", role: "CURATOR", agencyId: null });
  });

  test("an expired token is refused with its exp; 30 seconds of clock skew are tolerated", async () => {
    const exp = now() - 120;
    expect(await refusal(`Bearer ${await sign({}, { exp })}`)).toEqual({
      code: "UNAUTHENTICATED",
      message: `The token has expired (exp ${new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")})`,
    });
    expect(await auth.identify(`Bearer ${await sign({}, { exp: now() - 10 })}`)).toMatchObject({ role: "REPORTER" });
  });

  test("a token without exp is refused", async () => {
    expect(await refusal(`Bearer ${await sign({}, { exp: null })}`)).toEqual({
      code: "UNAUTHENTICATED", message: "The token has no exp claim; a token without an expiry is refused",
    });
  });

  test("a tampered payload, a tampered signature and another secret fail the signature", async () => {
    const [header, payload, signature] = (await sign({})).split(".") as [string, string, string];
    const promoted = b64({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), role: "CURATOR" });
    const flipped = signature.slice(0, 10) + (signature[10] === "A" ? "B" : "A") + signature.slice(11);
    const otherSecret = await sign({}, { key: randomBytes(32) });
    for (const token of [`${header}.${promoted}.${signature}`, `${header}.${payload}.${flipped}`, otherSecret]) {
      const r = await refusal(`Bearer ${token}`);
      expect(r.code).toBe("UNAUTHENTICATED");
      expect(r.message).toMatch(/^The token's signature does not verify: it was signed with another key/);
    }
  });

  test("alg none and an algorithm other than HS256 are refused before any key is tried", async () => {
    const payload = b64({ sub: "x", role: "CURATOR", iss: "policy-graph", aud: "policy-graph", exp: now() + 600 });
    expect(await refusal(`Bearer ${b64({ alg: "none" })}.${payload}.`)).toEqual({
      code: "UNAUTHENTICATED", message: 'The token has alg "none" (unsigned); this service accepts HS256 tokens only',
    });
    expect((await refusal(`Bearer ${b64({ alg: "HS512" })}.${payload}.c2ln`)).message).toBe('The token has alg "HS512"; this service accepts HS256 tokens only');
  });

  test("a wrong issuer or audience is refused, naming what is accepted", async () => {
    expect(await refusal(`Bearer ${await sign({}, { iss: "someone-else" })}`)).toEqual({
      code: "UNAUTHENTICATED", message: 'The token\'s issuer is "someone-else"; this service accepts "policy-graph" (JWT_ISSUER)',
    });
    expect((await refusal(`Bearer ${await sign({}, { aud: "another-api" })}`)).message).toBe(
      'The token\'s audience is "another-api"; this service accepts "policy-graph" (JWT_AUDIENCE)');
  });

  test("the role and agency claims decide who the bearer is, or the token is refused", async () => {
    const cases: [JWTPayload, string][] = [
      [{ agency: undefined }, "A REPORTER token needs an agency claim (the id of the Agency the reporter reports for)"],
      [{ agency: 42 }, "The token's agency claim is not an agency id (a string)"],
      [{ role: "ADMIN" }, 'The token\'s role claim "ADMIN" is not REPORTER or CURATOR'],
      [{ role: undefined }, "The token has no role claim (REPORTER or CURATOR)"],
      [{ sub: "s".repeat(201) }, "The token's sub claim is longer than 200 characters"],
    ];
    for (const [claims, message] of cases) {
      expect(await refusal(`Bearer ${await sign(claims)}`)).toEqual({ code: "UNAUTHENTICATED", message });
    }
  });

  test("an Authorization header that is not Bearer <token>, or not a JWT, is refused", async () => {
    const token = await sign({});
    for (const header of [token, `Basic ${Buffer.from("a:b").toString("base64")}`, "Bearer", "Bearer ", `Bearer ${token} extra`]) {
      expect(await refusal(header)).toEqual({ code: "UNAUTHENTICATED", message: 'The Authorization header must be "Bearer <token>"' });
    }
    expect((await refusal("Bearer not-a-jwt")).message).toBe("The bearer token is not a JWT (three base64url parts separated by dots)");
  });

  test("a token over 8 KB is refused unread, even when it is validly signed", async () => {
    const big = await sign({ padding: "x".repeat(8 * 1024) });
    expect(await refusal(`Bearer ${big}`)).toEqual({ code: "UNAUTHENTICATED", message: "The token is longer than 8192 bytes, the most accepted" });
  });

  test("signLocalToken refuses what npm run token refuses", async () => {
    await expect(signLocalToken({ role: "REPORTER" }, local)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(signLocalToken({ role: "CURATOR", expiresIn: "31d" }, local)).rejects.toMatchObject({
      code: "BAD_USER_INPUT", message: "A token lives at most 30 days (30d); 31d is longer",
    });
  });
});

describe("settings", () => {
  test("a JWT_SECRET shorter than 32 characters, a non-http JWKS URL, or both modes at once are configuration errors", () => {
    expect(() => loadConfig({ JWT_SECRET: "too-short" })).toThrow(/^Invalid environment: JWT_SECRET: at least 32 characters/);
    expect(() => loadConfig({ JWT_JWKS_URL: "ftp://idp.example/jwks" })).toThrow(/^Invalid environment: JWT_JWKS_URL: an http\(s\) URL/);
    expect(() => loadConfig({ JWT_SECRET: secret, JWT_JWKS_URL: "https://idp.example/jwks" })).toThrow(/not both/);
    const defaults = loadConfig({ JWT_SECRET: "" });
    expect([defaults.JWT_SECRET, defaults.JWT_JWKS_URL, defaults.JWT_ISSUER, defaults.JWT_AUDIENCE]).toEqual([undefined, undefined, "policy-graph", "policy-graph"]);
  });
});

describe("the generated local secret", () => {
  test("is created once, 0600 in a 0700 folder, and reused by the service and the signer", async () => {
    const home = path.join(tmp, "generated", "home");
    const first = localSecret(home);
    expect(first.length).toBe(32);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(home, "jwt-secret.json")).mode & 0o777).toBe(0o600);
    expect(Buffer.from(localSecret(home)).equals(Buffer.from(first))).toBe(true);

    const settings = { ...local, JWT_SECRET: undefined, NEO4J_HOME: home };
    const token = await signLocalToken({ role: "REPORTER", agencyId: "bo-tai-chinh" }, settings);
    expect(await createAuthenticator(settings).identify(`Bearer ${token}`)).toEqual({ subject: "local:bo-tai-chinh", role: "REPORTER", agencyId: "bo-tai-chinh" });
    // the file's secret, not JWT_SECRET's: the other authenticator refuses it
    expect((await refusal(`Bearer ${token}`)).message).toMatch(/signature does not verify/);
  });

  test("a file that holds no usable secret is replaced; a wider mode is narrowed", () => {
    const home = path.join(tmp, "damaged");
    fs.mkdirSync(home, { mode: 0o755 });
    fs.chmodSync(home, 0o755);
    fs.writeFileSync(path.join(home, "jwt-secret.json"), '{"secret":"c2hvcnQ"}', { mode: 0o644 });
    const secret = localSecret(home);
    expect(secret.length).toBe(32);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(home, "jwt-secret.json")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(home)).toEqual(["jwt-secret.json"]); // no partial file left behind
  });
});

describe("an identity provider's tokens (RS256, JWKS)", () => {
  let server: http.Server;
  let jwksUrl: string;
  let jwksRequests = 0;
  const provider = generateKeyPair("RS256");

  beforeAll(async () => {
    const { publicKey } = await provider;
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = http.createServer((req, res) => {
      jwksRequests++;
      if (req.url !== "/jwks.json") return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const jwks = () => createAuthenticator({ ...local, JWT_SECRET: undefined, JWT_JWKS_URL: jwksUrl, JWT_ISSUER: "https://idp.example", JWT_AUDIENCE: "policy-graph-api" });
  const rs256 = async (claims: JWTPayload, kid = "k1", key?: CryptoKey) =>
    new SignJWT({ role: "REPORTER", agency: "bo-cong-an", ...claims })
      .setProtectedHeader({ alg: "RS256", kid })
      .setSubject("idp|12345").setIssuer("https://idp.example").setAudience("policy-graph-api")
      .setIssuedAt().setExpirationTime("10m")
      .sign(key ?? (await provider).privateKey);

  test("a token signed with the provider's key is its bearer", async () => {
    const a = jwks();
    expect(a.mode).toBe("jwks");
    expect(await a.identify(`Bearer ${await rs256({})}`)).toEqual({ subject: "idp|12345", role: "REPORTER", agencyId: "bo-cong-an" });
    expect(await a.identify(`Bearer ${await rs256({ role: "CURATOR", agency: undefined })}`)).toEqual({ subject: "idp|12345", role: "CURATOR", agencyId: null });
    expect(jwksRequests).toBe(1); // the keys are fetched once and kept
  });

  test("HS256 is refused in jwks mode, local tokens included", async () => {
    const hs256 = await signLocalToken({ role: "CURATOR" }, local);
    expect(await refusal(`Bearer ${hs256}`, jwks())).toEqual({ code: "UNAUTHENTICATED", message: "The token has alg \"HS256\"; this service accepts RS256 tokens only" });
  });

  test("a key the provider does not publish is refused", async () => {
    const { privateKey: stranger } = await generateKeyPair("RS256");
    expect((await refusal(`Bearer ${await rs256({}, "k1", stranger)}`, jwks())).message).toMatch(/^The token's signature does not verify/);
    expect((await refusal(`Bearer ${await rs256({}, "k2", stranger)}`, jwks())).message).toBe("No single key of the identity provider (JWT_JWKS_URL) matches the token's kid");
  });

  test("a provider that cannot be reached is SERVICE_UNAVAILABLE, not the bearer's fault", async () => {
    const gone = createAuthenticator({ ...local, JWT_SECRET: undefined, JWT_JWKS_URL: jwksUrl.replace("/jwks.json", "/moved.json"), JWT_ISSUER: "https://idp.example", JWT_AUDIENCE: "policy-graph-api" });
    const r = await refusal(`Bearer ${await rs256({})}`, gone);
    expect(r.code).toBe("SERVICE_UNAVAILABLE");
    expect(r.message).toMatch(/^The identity provider's keys \(JWT_JWKS_URL\) could not be read/);
  });
});

describe("npm run token", () => {
  const run = promisify(execFile);
  const home = path.join(tmp, "cli-home");
  const env = { ...process.env, NEO4J_HOME: home, JWT_SECRET: "", JWT_JWKS_URL: "" };
  const token = (...args: string[]) =>
    run("npx", ["tsx", "src/cli/token.ts", ...args], { cwd: PROJECT_ROOT, env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  const settings = { ...local, JWT_SECRET: undefined, NEO4J_HOME: home };

  test("prints a token on its last line that the service accepts", async () => {
    const reporter = await token("--agency", "bo-cong-an", "--expires", "2h");
    expect(reporter.code).toBe(0);
    const last = reporter.stdout.trimEnd().split("\n").at(-1)!;
    expect(await createAuthenticator(settings).identify(`Bearer ${last}`)).toEqual({ subject: "local:bo-cong-an", role: "REPORTER", agencyId: "bo-cong-an" });
    const exp = JSON.parse(Buffer.from(last.split(".")[1]!, "base64url").toString()).exp as number;
    expect(Math.abs(exp - (now() + 7_200))).toBeLessThan(120);

    const curator = await token("--role", "CURATOR", "--subject", "curator:lan");
    expect(await createAuthenticator(settings).identify(`Bearer ${curator.stdout.trimEnd().split("\n").at(-1)}`)).toEqual({ subject: "curator:lan", role: "CURATOR", agencyId: null });
  });

  test("refuses an unknown agency, suggesting the closest, and a REPORTER without one: exit 1, one line", async () => {
    const unknown = await token("--agency", "bo-cong-a");
    expect(unknown).toEqual({ code: 1, stdout: "", stderr: expect.stringMatching(/^No Agency "bo-cong-a" in the seed \(.+\); the closest ids are bo-cong-an, /) });
    expect(unknown.stderr.trimEnd().split("\n")).toHaveLength(1);
    const none = await token();
    expect(none).toEqual({ code: 1, stdout: "", stderr: "A REPORTER token needs --agency <id>, the Agency the reporter reports for (such as bo-cong-an).\n" });
    const jwksSet = await run("npx", ["tsx", "src/cli/token.ts", "--role", "CURATOR"], { cwd: PROJECT_ROOT, env: { ...env, JWT_JWKS_URL: "https://idp.example/jwks.json" } }).catch((e: { code: number; stderr: string }) => e);
    expect(jwksSet).toMatchObject({ code: 1, stderr: "JWT_JWKS_URL is set, so tokens come from the identity provider; the service would refuse a local token.\n" });
  });
});
