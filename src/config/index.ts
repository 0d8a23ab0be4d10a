// Configuration: every setting the service reads from the environment, validated once.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

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
  NEO4J_HEAP: z.string().regex(/^\d+[kmg]$/i, "a size such as 1g").default("1g"),
  SHARED_DIR: z.string().default(path.resolve(PROJECT_ROOT, "../shared")),
  SEED_DIR: z.string().default(path.join(PROJECT_ROOT, "seed")),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  ANSWER_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(1_000),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
