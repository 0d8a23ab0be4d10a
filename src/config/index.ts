// Configuration: every setting the service reads from the environment, validated once.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const unsetIfEmpty = (v: unknown) => (v === "" ? undefined : v);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  NEO4J_URI: z.string().optional(),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().default(""),
  NEO4J_DATABASE: z.string().optional(),
  NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).default(7687),
  NEO4J_HOME: z.string().default(path.join(PROJECT_ROOT, ".neo4j")),
  NEO4J_PAGE_CACHE: z.string().regex(/^\d+[kmg]$/i, "a size such as 256m").default("256m"),
  NEO4J_HEAP: z.string().regex(/^\d+[kmg]$/i, "a size such as 1g").default("4g"),
  SHARED_DIR: z.string().default(path.resolve(PROJECT_ROOT, "../shared")),
  SEED_DIR: z.string().default(path.join(PROJECT_ROOT, "seed")),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  ANSWER_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(1_000),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  // Request bounds of the HTTP service (src/server): admission to the 20-connection pool, rate
  // limits, the size of an answer. The bench and load tests raise them.
  /**
   * connections of the pool that ad-hoc GraphQL documents and exports share; the rest stay with
   * the shipped operations. By default the number of CPUs (2 to 12): the local Neo4j shares
   * them, and ad-hoc work beyond them slows everything without answering sooner.
   */
  ADMISSION_SHARED_CONNECTIONS: z.coerce.number().int().min(1).max(1_000).default(Math.min(12, Math.max(2, os.availableParallelism()))),
  /** ad-hoc documents and exports that may wait for a share; more are refused with 429 */
  ADMISSION_SHARED_QUEUE: z.coerce.number().int().min(0).max(100_000).default(50),
  /** requests one client (IP) may have running at once, shipped operations and ad-hoc work counted apart */
  ADMISSION_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(16),
  /** a client's requests that may wait beyond those; more are refused with 429 */
  ADMISSION_PER_CLIENT_QUEUE: z.coerce.number().int().min(0).max(100_000).default(64),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /** ad-hoc GraphQL documents per client (IP) per window; 0 turns the limit off */
  RATE_LIMIT_ADHOC: z.coerce.number().int().min(0).max(10_000_000).default(1_000),
  /** GET /export requests per client (IP) per window; 0 turns the limit off */
  RATE_LIMIT_EXPORTS: z.coerce.number().int().min(0).max(10_000_000).default(60),
  /**
   * requests per client (IP) per window that are refused (HTTP 4xx); 0 turns the limit off.
   * A refusal is cheap, but not free: a client sending nothing else is sending a flood.
   */
  RATE_LIMIT_REFUSED: z.coerce.number().int().min(0).max(10_000_000).default(600),
  /** the largest GraphQL answer sent, in bytes of JSON; a larger one is replaced by RESPONSE_TOO_LARGE */
  RESPONSE_MAX_BYTES: z.coerce.number().int().min(1_024).max(1_073_741_824).default(16 * 1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Who may write (src/auth). Neither secret nor JWKS: HS256 with a secret generated into
  // <NEO4J_HOME>/jwt-secret.json, which `npm run token` signs with. An empty value counts as unset.
  /** HS256 secret shared with whoever signs the tokens */
  JWT_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, "at least 32 characters (a shorter secret can be guessed); generate one with `openssl rand -base64 48`").optional()),
  /** the identity provider's JWKS: tokens are then RS256, verified against its keys, and HS256 is refused */
  JWT_JWKS_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/, error: "an http(s) URL, the identity provider's JWKS" }).optional()),
  JWT_ISSUER: z.string().min(1).default("policy-graph"),
  JWT_AUDIENCE: z.string().min(1).default("policy-graph"),
}).refine((env) => !(env.JWT_SECRET && env.JWT_JWKS_URL), {
  path: ["JWT_SECRET"],
  message: "set JWT_SECRET (local HS256 tokens) or JWT_JWKS_URL (an identity provider's RS256 tokens), not both",
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
