// Every named operation in queries/ runs against the seeded graph and gives the answer its
// comment promises. An operation added without a check here fails this test.
import fs from "node:fs";
import path from "node:path";
import { parse, type OperationDefinitionNode } from "graphql";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { startTestApp, type TestApp } from "../support/app.js";

const QUERIES = path.join(PROJECT_ROOT, "queries");
type Data = Record<string, any>;

const checks: Record<string, (data: Data) => void> = {
  TraceDirective: (d) => {
    expect(d.trace.root.id).toBe("57-NQ/TW");
    expect(d.trace.totalTasks).toBeGreaterThan(100);
    expect(d.trace.tasks).toHaveLength(100);
    for (const t of d.trace.tasks) expect(t.sources.length).toBeGreaterThan(0);
  },
  AgencySuccession: (d) => {
    const [mic] = d.agencies;
    expect(mic.nameVi).toBe("Bộ Thông tin và Truyền thông");
    expect(mic.dissolvedOn).toBe("2025-03-01");
    const main = mic.succeededByConnection.edges.filter((e: Data) => e.properties.main);
    expect(main.map((e: Data) => e.node.id)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
  },
  MeetingDirections: (d) => {
    const [ev] = d.events;
    expect(ev.date).toBe("2025-07-02");
    expect(ev.tasks.length).toBeGreaterThanOrEqual(21);
    expect(ev.indicators.map((i: Data) => i.valueText)).toEqual(expect.arrayContaining(["858"]));
    expect(ev.attendedByConnection.edges.map((e: Data) => e.node.id)).toContain("nghe-an");
  },
  DocumentRelations: (d) => {
    const [r57] = d.documents;
    expect(r57.issuedOn).toBe("2024-12-22");
    expect(r57.implementedBy.map((x: Data) => x.id)).toEqual(expect.arrayContaining(["03/NQ-CP", "02-KH/BCĐTW"]));
    const programme = r57.implementedBy.find((x: Data) => x.id === "03/NQ-CP");
    expect(programme.amendedBy.map((x: Data) => x.id)).toContain("71/NQ-CP");
  },
  UnverifiedTechnologyGroups: (d) => {
    const codes1131 = d.technologyGroups.filter((g: Data) => g.id.startsWith("1131/")).map((g: Data) => g.code);
    expect(codes1131).toEqual([7, 8, 9, 10, 11]);
  },
};

const files = fs.readdirSync(QUERIES).filter((f) => f.endsWith(".graphql")).sort();
const operations = files.flatMap((file) => {
  const text = fs.readFileSync(path.join(QUERIES, file), "utf8");
  return parse(text).definitions
    .filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")
    .map((op) => ({ file, name: op.name?.value ?? "", text }));
});

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

test("every operation is named, says who asks it and why, and has a check", () => {
  expect(operations.length).toBeGreaterThanOrEqual(5);
  for (const op of operations) {
    expect({ file: op.file, named: op.name !== "" }).toEqual({ file: op.file, named: true });
    expect({ file: op.file, comment: /^# Who asks: .+\n# Why: /m.test(op.text) }).toEqual({ file: op.file, comment: true });
    expect(Object.keys(checks)).toContain(op.name);
  }
});

test.each(operations.map((op) => [op.name, op]))("%s answers on the seeded graph", async (_name, op) => {
  const res = await t.app.apollo.executeOperation({ query: op.text, operationName: op.name }, { contextValue: t.context() });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  expect(res.body.singleResult.errors).toBeUndefined();
  checks[op.name]!(res.body.singleResult.data as Data);
});
