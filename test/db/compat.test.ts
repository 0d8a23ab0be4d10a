// The server check run at start-up: Neo4j ≥ 5.23 with APOC core, or one clear sentence.
import { checkServer } from "../../src/db/compat.js";
import { createDriver } from "../../src/db/driver.js";
import { freePort } from "../../src/db/localNeo4j.js";
import { buildSchema } from "../../src/graphql/schema.js";
import { database, testDriver } from "../support/db.js";

test("the test server is Neo4j 5.26 with APOC core, and @neo4j/graphql's own check agrees", async () => {
  const driver = testDriver();
  try {
    const info = await checkServer(driver, database);
    expect(info.version).toMatch(/^5\.26\./);
    expect(info.apoc).toMatch(/^5\.26\./);
    const { neoSchema } = await buildSchema(driver);
    await expect(neoSchema.checkNeo4jCompat({ sessionConfig: { database } })).resolves.toBeUndefined();
  } finally {
    await driver.close();
  }
});

test("an unreachable server fails with one sentence saying so", async () => {
  const driver = createDriver({ uri: `bolt://127.0.0.1:${await freePort()}`, user: "neo4j", password: "" }, { maxTransactionRetryTime: 500 });
  try {
    await expect(checkServer(driver)).rejects.toMatchObject({ code: "NEO4J_UNAVAILABLE", message: expect.stringMatching(/^Cannot reach Neo4j: /) });
  } finally {
    await driver.close();
  }
});
