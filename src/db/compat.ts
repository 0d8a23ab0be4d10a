// Checks that a Neo4j server can run Policy Graph: Neo4j 5.23 or later, with APOC core.
// Fails with one sentence that says what is missing.
import type { Driver } from "neo4j-driver";

import { AppError } from "../errors/index.js";

export const MIN_NEO4J = [5, 23] as const;

export interface ServerInfo { version: string; edition: string; apoc: string }

export async function checkServer(driver: Driver, database?: string): Promise<ServerInfo> {
  let version = "";
  let edition = "";
  try {
    const { records } = await driver.executeQuery("CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition", {}, { database });
    version = String(records[0]?.get("version") ?? "");
    edition = String(records[0]?.get("edition") ?? "");
  } catch (err) {
    throw new AppError("NEO4J_UNAVAILABLE", `Cannot reach Neo4j: ${(err as Error).message}`);
  }
  const [major = 0, minor = 0] = version.split(".").map((x) => parseInt(x, 10));
  if (major < MIN_NEO4J[0] || (major === MIN_NEO4J[0] && minor < MIN_NEO4J[1])) {
    throw new AppError("NEO4J_INCOMPATIBLE", `Neo4j ${version} is too old: Policy Graph needs Neo4j ${MIN_NEO4J.join(".")} or later.`);
  }
  let apoc = "";
  try {
    const { records } = await driver.executeQuery("RETURN apoc.version() AS v", {}, { database });
    apoc = String(records[0]?.get("v"));
  } catch {
    throw new AppError("NEO4J_INCOMPATIBLE", `Neo4j ${version} has no APOC core: install the APOC plugin (apoc-core ${major}.${minor}) on the server.`);
  }
  return { version, edition, apoc };
}
