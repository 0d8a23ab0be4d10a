// Writes in tests: real signed tokens (HS256 with a test secret, the local mode), an HTTP
// client that sends them, and the clean-up that leaves the shared test database as the seed
// loaded it (jest runs every suite against one database).
import type { Driver } from "neo4j-driver";

import { createAuthenticator, signLocalToken, type AuthSettings, type Role } from "../../src/auth/index.js";
import { REPORTS_LOAD } from "../../src/seed/load.js";

export const TEST_AUTH: AuthSettings = {
  JWT_SECRET: "test-secret-of-the-policy-graph-tests-0123456789",
  JWT_JWKS_URL: undefined, JWT_ISSUER: "policy-graph", JWT_AUDIENCE: "policy-graph", NEO4J_HOME: "/nonexistent",
};

export const testAuthenticator = () => createAuthenticator(TEST_AUTH);

export const token = (role: Role, agencyId?: string, expiresIn = "1h") => signLocalToken({ role, agencyId, expiresIn }, TEST_AUTH);

export type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string } }[] };

export const client = (base: string) => async (query: string, variables?: Record<string, unknown>, bearer?: string) => {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
};

/** Everything written through reports and imports, their audit entries and the write order's record. */
export async function clearWrites(driver: Driver, database?: string): Promise<void> {
  for (const label of ["ProgressReport", "Indicator", "AuditEntry"]) {
    await driver.executeQuery(`MATCH (n:${label} {load: $load}) DETACH DELETE n`, { load: REPORTS_LOAD }, { database });
  }
  await driver.executeQuery("MATCH (m:SeedMeta {key: $load}) DELETE m", { load: REPORTS_LOAD }, { database });
}

/** How many nodes the writes have made (reports, figures, audit entries). */
export async function writtenCount(driver: Driver, database?: string): Promise<number> {
  let n = 0;
  for (const label of ["ProgressReport", "Indicator", "AuditEntry"]) {
    const { records } = await driver.executeQuery(`MATCH (n:${label} {load: $load}) RETURN count(n) AS c`, { load: REPORTS_LOAD }, { database });
    n += Number(records[0]!.get("c"));
  }
  return n;
}
