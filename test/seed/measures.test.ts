// Which reported figures measure which targets (Indicator -MEASURES-> Target). The links are a
// curated list: each quotes, verbatim, a source its figure is cited from; a figure in a unit other
// than its target's says why in a note, as every INFERRED link does; and the seed as validated and
// the graph as loaded hold exactly the links below, so adding or removing one is a visible change.
import type { Driver } from "neo4j-driver";

import { readConfiguredSeed, type SeedGraph } from "../../src/seed/index.js";
import { MAX_QUOTE_LENGTH, QuoteIndex, normaliseText } from "../../src/seed/quotes.js";
import { config, database, testDriver } from "../support/db.js";

interface Link { indicator: string; target: string; kind: "STATED" | "INFERRED"; sourceId: string; trust: string; sameUnit: boolean }

/** Every MEASURES link of the seed: the figure, the target, how the link is known, and whether the units agree. */
const LINKS: Link[] = [
  // 858 / 45 / "trên 73.000" enterprises (article 001): the count behind the rate of 1 per 1,000 people by 2045.
  { indicator: "IND-doanh-nghiep-cong-nghe-so-2025-07", target: "03/NQ-CP#PL1.38", kind: "INFERRED", sourceId: "article-001", trust: "ARTICLE", sameUnit: false },
  // ≥ 3% of the 2025 budget (196/2025/QH15), given by the draft report as meeting Resolution 57's requirement.
  { indicator: "IND-chi-ngan-sach-khcn-dmst-cds-2025-05", target: "57-NQ/TW#T14", kind: "STATED", sourceId: "official-draft-report-2025-05-25", trust: "DRAFT_REPORT", sameUnit: false },
  // The same figure against the Government's restatement of that target (Appendix I, row 17).
  { indicator: "IND-chi-ngan-sach-khcn-dmst-cds-2025-05", target: "03/NQ-CP#PL1.17", kind: "INFERRED", sourceId: "facts", trust: "TRANSCRIPTION", sameUnit: true },
];

const key = (l: { indicator: string; target: string }) => `${l.indicator} → ${l.target}`;
const byKey = <T extends { indicator: string; target: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
const sameUnit = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();

let graph: SeedGraph;
const quotes = new QuoteIndex(config.SHARED_DIR);
beforeAll(() => { graph = readConfiguredSeed(config); });

const measures = () => graph.relationships.filter((r) => r.relType === "MEASURES");
const node = (id: string) => graph.nodes.get(id)!;
const fileOf = (sourceId: string) => node(sourceId).props.file as string;

describe("in the validated seed", () => {
  test("the MEASURES links are exactly the listed ones", () => {
    const found = measures().map((r) => ({
      indicator: r.fromId, target: r.toId, kind: r.props.kind, sourceId: r.props.sourceId, trust: r.props.trust,
      sameUnit: sameUnit(node(r.fromId).props.unit, node(r.toId).props.unit),
    }));
    expect(byKey(found)).toEqual(byKey(LINKS));
    expect(measures().every((r) => r.fromType === "Indicator" && r.toType === "Target")).toBe(true);
  });

  test("each link quotes, verbatim and within 300 characters, a source its figure is cited from", () => {
    expect(quotes.available()).toBe(true);
    for (const r of measures()) {
      const cited = graph.citations.filter((c) => c.id === r.fromId).map((c) => c.source);
      const sourceId = r.props.sourceId as string;
      const quote = r.props.quote as string;
      expect({ link: key({ indicator: r.fromId, target: r.toId }), citedSource: cited.includes(sourceId) }).toEqual({ link: key({ indicator: r.fromId, target: r.toId }), citedSource: true });
      expect(quote.length).toBeLessThanOrEqual(MAX_QUOTE_LENGTH);
      expect({ sourceId, quote, verbatim: quotes.has(fileOf(sourceId), quote) }).toEqual({ sourceId, quote, verbatim: true });
    }
  });

  test("units agree with the target's, or a note says why the figure measures it anyway; every INFERRED link has its note", () => {
    for (const r of measures()) {
      const note = typeof r.props.note === "string" ? r.props.note.trim() : "";
      const agree = sameUnit(node(r.fromId).props.unit, node(r.toId).props.unit);
      const link = key({ indicator: r.fromId, target: r.toId });
      expect({ link, explained: agree || note.length > 0 }).toEqual({ link, explained: true });
      if (r.props.kind === "INFERRED") expect({ link, note: note.length > 0 }).toEqual({ link, note: true });
    }
  });

  test("every figure's value is written as its source writes it (valueText is in one of its quotes)", () => {
    const indicators = [...graph.nodes.values()].filter((n) => n.type === "Indicator");
    expect(indicators.length).toBeGreaterThan(0);
    for (const i of indicators) {
      const written = normaliseText(String(i.props.valueText));
      const quoted = graph.citations.filter((c) => c.id === i.id).some((c) => normaliseText(c.quote).includes(written));
      expect({ indicator: i.id, valueText: written, quoted }).toEqual({ indicator: i.id, valueText: written, quoted: true });
    }
  });

  test("the figure added from facts.md: the 2025 budget share, dated by the draft report, its period as written", () => {
    expect(node("IND-chi-ngan-sach-khcn-dmst-cds-2025-05").props).toMatchObject({ value: 3, valueText: "≥ 3%", unit: "% of total state budget spending", asOf: "2025-05-24", period: "2025" });
    const dated = graph.citations.find((c) => c.id === "IND-chi-ngan-sach-khcn-dmst-cds-2025-05" && c.quote.includes("24/5/2025"));
    expect(dated?.note).toMatch(/no day/);
  });
});

describe("in the loaded graph", () => {
  let driver: Driver;
  beforeAll(() => { driver = testDriver(); });
  afterAll(() => driver.close());

  test("MATCH (i:Indicator)-[m:MEASURES]->(t:Target) returns exactly the listed links, with the seed's quotes and notes", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (i:Indicator)-[m:MEASURES]->(t:Target)
       RETURN i.id AS indicator, t.id AS target, m.kind AS kind, m.sourceId AS sourceId, m.trust AS trust, m.quote AS quote, m.note AS note,
              i.unit AS indicatorUnit, t.unit AS targetUnit, m.load AS load`,
      {}, { database },
    );
    const rows = records.map((r) => r.toObject());
    expect(byKey(rows.map((r) => ({
      indicator: r.indicator, target: r.target, kind: r.kind, sourceId: r.sourceId, trust: r.trust, sameUnit: sameUnit(r.indicatorUnit, r.targetUnit),
    })))).toEqual(byKey(LINKS));
    const seeded = new Map(measures().map((r) => [key({ indicator: r.fromId, target: r.toId }), r.props]));
    for (const r of rows) {
      const props = seeded.get(key(r as Link))!;
      expect({ quote: r.quote, note: r.note ?? undefined, load: r.load }).toEqual({ quote: props.quote, note: props.note, load: "seed" });
    }
  });
});
