// Limits that never lie: every generated list and connection either returns what it was asked
// for, with a connection's totalCount and hasNextPage telling the truth, or is refused with
// BAD_USER_INPUT naming the field and its maximum — top level or nested, literal or variable.
// The expected counts are Cypher's, read through the test driver. And the answer's size, worst
// case, is bounded before anything runs: the product of the page sizes along each path.
import { getNamedType, isListType, isObjectType, getNullableType, parse, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

import { buildSchema } from "../../src/graphql/schema.js";
import { MAX_RESULT_OBJECTS, PAGED_FIELDS, fieldLimits, readMaxima, resultSize, type FieldLimit } from "../../src/graphql/limits.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { readTypeDefs } from "../../src/model/index.js";
import { database } from "../support/db.js";
import { startTestApp, type TestApp } from "../support/app.js";

type Data = Record<string, any>;
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

async function run(query: string, variables?: Record<string, unknown>) {
  const res = await t.app.apollo.executeOperation({ query, variables }, { contextValue: t.context() });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  return { status: res.http.status, data: res.body.singleResult.data as Data | null | undefined, errors: res.body.singleResult.errors };
}

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const { records } = await t.driver.executeQuery(cypher, params, { database });
  return Number(records[0]!.get(0));
}

async function refused(query: string, variables?: Record<string, unknown>) {
  const res = await run(query, variables);
  expect(res.data ?? undefined).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.extensions?.code).toBe("BAD_USER_INPUT");
  expect(res.status).toBe(400);
  return res.errors![0]!.message;
}

async function answered(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const res = await run(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe("a limit over the maximum is refused, naming the field and the maximum", () => {
  test.each([
    ["a top-level list", "{ tasks(limit: 5000) { id } }", "Query.tasks: limit 5000 is over the maximum of 1000 for Task"],
    ["a nested list", '{ agencies(limit: 1) { leads(limit: 1001) { id } } }', "Agency.leads: limit 1001 is over the maximum of 1000 for Task"],
    ["a list two levels down", "{ documents(limit: 1) { sections(limit: 5) { targets(limit: 501) { id } } } }", "Section.targets: limit 501 is over the maximum of 500 for Target"],
    ["a top-level connection", "{ tasksConnection(first: 1001) { totalCount edges { node { id } } } }", "Query.tasksConnection: first 1001 is over the maximum of 1000 for Task"],
    ["a nested connection", "{ documents(limit: 1) { tasksConnection(first: 5000) { edges { node { id } } } } }", "Document.tasksConnection: first 5000 is over the maximum of 1000 for Task"],
    ["a connection asked only for its count", "{ agenciesConnection(first: 501) { totalCount } }", "Query.agenciesConnection: first 501 is over the maximum of 500 for Agency"],
    ["a union list (its members' smallest maximum)", "{ taskParents(limit: 501) { __typename } }", "Query.taskParents: limit 501 is over the maximum of 500 for TaskParent"],
    ["a list in a fragment", "{ agencies(limit: 1) { ...led } } fragment led on Agency { leads(limit: 2000) { id } }", "Agency.leads: limit 2000 is over the maximum of 1000 for Task"],
    ["a list under a union's inline fragment", "{ taskParents(limit: 5) { ... on Section { tasks(limit: 1001) { id } } } }", "Section.tasks: limit 1001 is over the maximum of 1000 for Task"],
  ])("%s", async (_what, query, message) => {
    expect(await refused(query)).toContain(message);
  });

  test.each([
    ["a top-level list", "query($n: Int!) { tasks(limit: $n) { id } }", { n: 1001 }, "Query.tasks: limit 1001 is over the maximum of 1000"],
    ["a nested list", "query($n: Int) { events(limit: 1) { tasks(limit: $n) { id } } }", { n: 1001 }, "Event.tasks: limit 1001 is over the maximum of 1000"],
    ["a top-level connection", "query($n: Int) { agenciesConnection(first: $n) { edges { node { id } } } }", { n: 501 }, "Query.agenciesConnection: first 501 is over the maximum of 500"],
    ["a nested connection", "query($n: Int) { agencies(limit: 1) { leadsConnection(first: $n) { totalCount edges { node { id } } } } }", { n: 1001 }, "Agency.leadsConnection: first 1001 is over the maximum of 1000"],
    ["a variable's default", "query($n: Int = 600) { agencies(limit: $n) { id } }", undefined, "Query.agencies: limit 600 is over the maximum of 500"],
  ])("as a variable: %s", async (_what, query, variables, message) => {
    expect(await refused(query, variables)).toContain(message);
  });

  test("every problem of an operation is named, with its location", async () => {
    const res = await run("{ tasks(limit: 5000) { id ledBy(limit: 600) { id } } }");
    expect(res.errors![0]!.message).toBe(
      "Query.tasks: limit 5000 is over the maximum of 1000 for Task; page with offset; " +
      "Task.ledBy: limit 600 is over the maximum of 500 for Agency; page with offset",
    );
    expect(res.errors![0]!.locations).toEqual([{ line: 1, column: 3 }, { line: 1, column: 27 }]);
  });

  test("the maximum itself is allowed, and returns everything there is up to it", async () => {
    const d = await answered("{ tasks(limit: 1000) { id } agencies(limit: 500) { id } }");
    expect(d.tasks).toHaveLength(Math.min(1000, await count("MATCH (t:Task) RETURN count(t)")));
    // 110 agencies on the seed: the old default of 100 cut this list without a word
    expect(d.agencies).toHaveLength(Math.min(500, await count("MATCH (a:Agency) RETURN count(a)")));
    expect(d.agencies.length).toBeGreaterThan(100);
  });
});

describe("a missing limit is refused where a default would cut", () => {
  test.each([
    ["a top-level list", "{ agencies { id } }", "Query.agencies needs limit: 1 to 500 (the maximum for Agency); page with offset"],
    ["a filtered list", '{ agencies(where: { kind: { eq: MINISTRY } }) { id } }', "Query.agencies needs limit"],
    ["a nested list", "{ agencies(limit: 1) { leads { id } } }", "Agency.leads needs limit: 1 to 1000 (the maximum for Task)"],
    ["a nested list of a nested list", "{ documents(limit: 1) { tasks(limit: 1) { ledBy { id } } } }", "Task.ledBy needs limit"],
    ["a union list", "{ tasks(limit: 1) { partOf { __typename } } }", "Task.partOf needs limit: 1 to 500 (the maximum for TaskParent)"],
    ["a connection's edges", "{ tasksConnection { totalCount edges { node { id } } } }", "Query.tasksConnection needs first: 1 to 1000 (the maximum for Task); page with after"],
    ["a connection's pageInfo", "{ tasksConnection { pageInfo { hasNextPage } } }", "Query.tasksConnection needs first"],
    ["a nested connection's edges through a fragment", "{ documents(limit: 1) { tasksConnection { ...e } } } fragment e on DocumentTasksConnection { edges { node { id } } }", "Document.tasksConnection needs first"],
    ["a nullable variable left out", "query($n: Int) { tasks(limit: $n) { id } }", "Query.tasks needs limit"],
  ])("%s", async (_what, query, message) => {
    expect(await refused(query)).toContain(message);
  });

  test("a connection asked only for its count or aggregate needs no first: it has nothing to cut", async () => {
    const d = await answered(`{
      tasksConnection { totalCount aggregate { count { nodes } } }
      documents(where: { id: { eq: "71/NQ-CP" } }, limit: 1) { tasksConnection { totalCount aggregate { count { nodes } } } }
    }`);
    const tasks = await count("MATCH (t:Task) RETURN count(t)");
    expect(d.tasksConnection).toEqual({ totalCount: tasks, aggregate: { count: { nodes: tasks } } });
    const under71 = await count("MATCH (:Document {id: '71/NQ-CP'})<-[:PART_OF]-(t:Task) RETURN count(t)");
    expect(d.documents[0].tasksConnection).toEqual({ totalCount: under71, aggregate: { count: { nodes: under71 } } });
  });
});

describe("a connection page tells the truth", () => {
  const page = `query($first: Int!, $after: String, $where: TaskWhere) {
    tasksConnection(first: $first, after: $after, where: $where, sort: [{ id: ASC }]) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } }
    }
  }`;

  test("totalCount is Cypher's count of every task, and hasNextPage is true while tasks remain", async () => {
    const total = await count("MATCH (t:Task) RETURN count(t)");
    expect(total).toBeGreaterThan(100);
    const first = Math.min(total - 1, 1000);
    const c = (await answered(page, { first })).tasksConnection;
    expect(c).toMatchObject({ totalCount: total, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(c.edges).toHaveLength(first);
  });

  test("hasNextPage is right at the edges: one short, exactly all, one more", async () => {
    const where = { id: { startsWith: "71/NQ-CP#" } };
    const n = await count("MATCH (t:Task) WHERE t.id STARTS WITH '71/NQ-CP#' RETURN count(t)");
    expect(n).toBe(37);
    for (const [first, hasNextPage, length] of [[n - 1, true, n - 1], [n, false, n], [n + 1, false, n]] as const) {
      const c = (await answered(page, { first, where })).tasksConnection;
      expect({ first, totalCount: c.totalCount, hasNextPage: c.pageInfo.hasNextPage, length: c.edges.length })
        .toEqual({ first, totalCount: n, hasNextPage, length });
    }
  });

  test("paging with after visits every task once; the last page says there is no next", async () => {
    const total = await count("MATCH (t:Task) RETURN count(t)");
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const c = (await answered(page, { first: 100, after })).tasksConnection;
      expect(c.totalCount).toBe(total);
      expect(c.pageInfo.hasPreviousPage).toBe(ids.length > 0);
      ids.push(...c.edges.map((e: Data) => e.node.id));
      expect(c.pageInfo.hasNextPage).toBe(ids.length < total);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  test("a nested connection's totalCount and hasNextPage match Cypher", async () => {
    const { records } = await t.driver.executeQuery(
      "MATCH (a:Agency)<-[:LED_BY]-(t:Task) WITH a, count(t) AS n WHERE n <= 1000 RETURN a.id AS id, n ORDER BY n DESC, id LIMIT 1", {}, { database });
    const id = records[0]!.get("id") as string;
    const n = Number(records[0]!.get("n"));
    expect(n).toBeGreaterThan(1);
    const q = `query($id: ID!, $first: Int!) { agencies(where: { id: { eq: $id } }, limit: 1) {
      leadsConnection(first: $first) { totalCount pageInfo { hasNextPage } edges { node { id } } } } }`;
    const cut = (await answered(q, { id, first: n - 1 })).agencies[0].leadsConnection;
    expect(cut).toMatchObject({ totalCount: n, pageInfo: { hasNextPage: true } });
    expect(cut.edges).toHaveLength(n - 1);
    const all = (await answered(q, { id, first: n })).agencies[0].leadsConnection;
    expect(all).toMatchObject({ totalCount: n, pageInfo: { hasNextPage: false } });
    expect(all.edges).toHaveLength(n);
  });

  test("a nested list at its limit returns every related node up to it", async () => {
    const d = await answered('{ agencies(where: { id: { eq: "bo-khoa-hoc-va-cong-nghe" } }, limit: 1) { leads(limit: 1000) { id } coordinates(limit: 1000) { id } } }');
    const [a] = d.agencies;
    expect(a.leads).toHaveLength(Math.min(1000, await count("MATCH (:Agency {id: 'bo-khoa-hoc-va-cong-nghe'})<-[:LED_BY]-(t:Task) RETURN count(t)")));
    expect(a.coordinates).toHaveLength(Math.min(1000, await count("MATCH (:Agency {id: 'bo-khoa-hoc-va-cong-nghe'})<-[:COORDINATED_WITH]-(t:Task) RETURN count(t)")));
  });

  test("offset pages a list without overlap", async () => {
    const total = await count("MATCH (t:Task) RETURN count(t)");
    const q = "query($offset: Int) { tasks(limit: 1000, offset: $offset, sort: [{ id: ASC }]) { id } }";
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 1000) ids.push(...(await answered(q, { offset })).tasks.map((x: Data) => x.id));
    expect(new Set(ids).size).toBe(total);
    expect((await answered(q, { offset: total })).tasks).toEqual([]);
  });
});

describe("zero, negative and malformed paging give BAD_USER_INPUT, not INTERNAL_SERVER_ERROR", () => {
  test.each([
    // limit: 0 used to return every row, past the maximum; a negative limit failed in Cypher
    ["limit 0", "{ tasks(limit: 0) { id } }", "Query.tasks: limit 0 is not 1 to 1000 (the maximum for Task)"],
    ["a negative limit", "{ tasks(limit: -1) { id } }", "Query.tasks: limit -1 is not 1 to 1000"],
    ["a negative nested limit", "{ agencies(limit: 1) { leads(limit: -5) { id } } }", "Agency.leads: limit -5 is not 1 to 1000"],
    ["first 0", "{ tasksConnection(first: 0) { edges { node { id } } } }", "Query.tasksConnection: first 0 is not 1 to 1000"],
    ["a negative first", "{ agencies(limit: 1) { leadsConnection(first: -1) { totalCount } } }", "Agency.leadsConnection: first -1 is not 1 to 1000"],
    ["a negative offset", "{ tasks(limit: 3, offset: -1) { id } }", "Query.tasks: offset -1 is negative"],
    ["a negative nested offset", "{ agencies(limit: 1) { leads(limit: 3, offset: -2) { id } } }", "Agency.leads: offset -2 is negative"],
    ["a cursor this API did not give", '{ tasksConnection(first: 10, after: "garbage") { edges { node { id } } } }', 'Query.tasksConnection: after "garbage" is not a cursor this API gave'],
  ])("%s", async (_what, query, message) => {
    expect(await refused(query)).toContain(message);
  });

  test.each([
    ["limit", "query($n: Int!) { tasks(limit: $n) { id } }", { n: 0 }, "Query.tasks: limit 0 is not"],
    ["first", "query($n: Int!) { tasksConnection(first: $n) { edges { node { id } } } }", { n: -3 }, "Query.tasksConnection: first -3 is not"],
    ["offset", "query($o: Int!) { agencies(limit: 1) { leads(limit: 1, offset: $o) { id } } }", { o: -1 }, "Agency.leads: offset -1 is negative"],
  ])("as a variable: %s", async (_what, query, variables, message) => {
    expect(await refused(query, variables)).toContain(message);
  });

  test("a variable of the wrong type is still GraphQL's own BAD_USER_INPUT", async () => {
    const res = await run("query($n: Int!) { tasks(limit: $n) { id } }", { n: "ten" });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/Int cannot represent/);
  });
});

test("the schema says the rule on each bounded argument", async () => {
  const d = await answered(`{ __type(name: "Query") { fields { name args { name description } } } }`);
  const arg = (field: string, name: string) =>
    d.__type.fields.find((f: Data) => f.name === field).args.find((a: Data) => a.name === name).description as string;
  expect(arg("tasks", "limit")).toMatch(/^Required: .*1 to 1000 \(the maximum for Task\)/);
  expect(arg("agenciesConnection", "first")).toMatch(/1 to 500 \(the maximum for Agency\).*totalCount and pageInfo.hasNextPage/);
});

describe("the size of an answer, worst case, is bounded before it runs (on the schema alone)", () => {
  let schema: GraphQLSchema;
  let limits: Map<string, FieldLimit>;
  beforeAll(async () => {
    ({ schema } = await buildSchema());
    limits = fieldLimits(schema, readMaxima(readTypeDefs()));
  });
  const size = (query: string, variables?: Record<string, unknown>) => {
    const doc = parse(query);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
    return resultSize(schema, limits, doc, op, variables);
  };

  test("each list holds its limit times what holds it: products along each path, summed", () => {
    expect(size("{ agencies(limit: 500) { leads(limit: 1000) { ledBy(limit: 100) { id } } } }")).toEqual({
      objects: 500 + 500 * 1000 + 500 * 1000 * 100,
      worst: { path: "agencies(limit: 500) › leads(limit: 1000) › ledBy(limit: 100)", objects: 50_000_000 },
    });
  });

  test("a connection's edges hold first; the connection, its pageInfo and its count hold one each", () => {
    // 10 agencies, 10 connections, 10 pageInfos, 10 × 50 edges, 10 × 50 nodes
    expect(size("{ agencies(limit: 10) { leadsConnection(first: 50) { totalCount pageInfo { hasNextPage } edges { node { id } } } } }")!.objects)
      .toBe(10 + 10 + 10 + 500 + 500);
    expect(size("{ tasksConnection { totalCount aggregate { count { nodes } } } }")!.objects).toBe(1 + 1 + 1);
  });

  test("aliases count separately, fragments are expanded, inline fragments too", () => {
    const one = size("{ tasks(limit: 1000) { ledBy(limit: 10) { id } } }")!.objects;
    expect(size("{ a: tasks(limit: 1000) { ledBy(limit: 10) { id } } b: tasks(limit: 1000) { ledBy(limit: 10) { id } } }")!.objects).toBe(2 * one);
    expect(size("{ tasks(limit: 1000) { ...owners } } fragment owners on Task { ledBy(limit: 10) { id } }")!.objects).toBe(one);
    expect(size("{ taskParents(limit: 10) { ... on Section { tasks(limit: 100) { id } } ... on Event { tasks(limit: 5) { id } } } }")!.objects)
      .toBe(10 + 10 * 100 + 10 * 5);
  });

  test("the custom pages: trace's tasks by its limit (its default when left out), a workload's pages, subgraph at most GraphQL's limits", () => {
    expect(size('{ trace(id: "x", limit: 2000) { root { id } tasks { id leadAgencies { assigned { id } } } } }')).toEqual({
      objects: 1 + 1 + 2000 * 3,
      worst: { path: "trace(limit: 2000) › tasks", objects: 2000 }, // the first path to reach the most
    });
    expect(size('{ trace(id: "x") { tasks { id } } }')!.objects).toBe(1 + 500);
    expect(size('{ agencyWorkload(id: "x", upcoming: 7) { nextDeadlines { task { id } } overdue(limit: 30) { items { task { id } } } tasks { items { task { id } } } } }')!.objects)
      .toBe(1 + 7 * 2 + (1 + 30 * 2) + (1 + 100 * 2));
    expect(size('{ search(text: "x", limit: 100) { id } connections(from: "a", to: "b") { nodes { id } } }')!.objects).toBe(100 + 5 * 2);
    expect(size("{ subgraph(selection: { maxNodes: 1000000 }) { nodes { id } relationships { id } } }")!.objects).toBe(1 + 5_000 + 20_000);
    expect(size("{ subgraph(selection: { maxNodes: 10, maxRelationships: 20 }) { nodes { id } relationships { id } } }")!.objects).toBe(1 + 10 + 20);
  });

  test("variables are read, their defaults too", () => {
    const q = "query($n: Int = 300, $m: Int!) { agencies(limit: $n) { leads(limit: $m) { id } } }";
    expect(size(q, { m: 100 })!.objects).toBe(300 + 300 * 100);
    expect(size(q, { n: 2, m: 100 })!.objects).toBe(2 + 200);
  });

  test(`every named operation of queries/, with its default variables, stays under a fifth of the bound (${MAX_RESULT_OBJECTS.toLocaleString("en")})`, () => {
    for (const op of namedOperations()) {
      const objects = size(op.text)!.objects;
      expect({ op: op.name, objects, underAFifth: objects <= MAX_RESULT_OBJECTS / 5 }).toEqual({ op: op.name, objects, underAFifth: true });
    }
  });

  test("every custom field with a limit is in PAGED_FIELDS, and each page it names is a list of its answer", () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (field.args.some((a) => a.name === "limit" || a.name === "first") && !limits.has(coordinate)) {
          expect({ coordinate, paged: coordinate in PAGED_FIELDS }).toEqual({ coordinate, paged: true });
        }
      }
    }
    for (const [coordinate, pages] of Object.entries(PAGED_FIELDS)) {
      const [typeName, fieldName] = coordinate.split(".") as [string, string];
      const field = (schema.getType(typeName) as import("graphql").GraphQLObjectType).getFields()[fieldName]!;
      for (const page of pages) {
        expect(field.args.map((a) => a.name)).toContain(page.arg.split(".")[0]);
        const holder = page.in === "." ? field : (getNamedType(field.type) as import("graphql").GraphQLObjectType).getFields()[page.in]!;
        expect({ coordinate, page: page.in, list: isListType(getNullableType(holder.type)) }).toEqual({ coordinate, page: page.in, list: true });
      }
    }
  });
});

describe("an answer over the bound is refused before it runs, naming the bound, the worst path and how to narrow it", () => {
  test("lists within their maxima but nested: refused", async () => {
    const message = await refused("{ agencies(limit: 500) { leads(limit: 1000) { ledBy(limit: 100) { id nameVi } } } }");
    expect(message).toContain("could return 50,500,500 objects, over the bound of 100,000 objects per request");
    expect(message).toContain("The most come from agencies(limit: 500) › leads(limit: 1000) › ledBy(limit: 100) (up to 50,000,000)");
    expect(message).toMatch(/Narrow it: smaller limits/);
  });

  test("aliases multiply a page that alone is allowed", async () => {
    const one = 'trace(id: "57-NQ/TW", limit: 2000) { tasks { id leadAgencies { assigned { id } today { id } } } }';
    expect((await run(`{ ${one} }`)).errors).toBeUndefined();
    const aliased = `{ ${Array.from({ length: 15 }, (_, i) => `t${i}: ${one}`).join(" ")} }`;
    expect(await refused(aliased)).toMatch(/over the bound of 100,000 objects.*The most come from t0: trace\(limit: 2000\) › tasks \(up to 2,000\)/);
  });

  test("up to the bound itself runs", async () => {
    // 100 + 100 × 999 = 100,000 objects at most
    const d = await answered("{ agencies(limit: 100, sort: [{ id: ASC }]) { leads(limit: 999) { id } } }");
    expect(d.agencies.length).toBeGreaterThan(0);
    expect(await refused("{ agencies(limit: 100) { leads(limit: 1000) { id } } }")).toContain("100,100 objects");
  });
});
