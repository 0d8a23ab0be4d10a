// How well the technology rules (technologyRules.ts) link tasks and targets to the groups of
// 1131/QĐ-TTg, measured against pairs a person labelled by reading the text: precision (of
// the pairs the rules link, the share that are right) and recall (of the labelled pairs
// that should be linked, the share the rules find). The labels are a fixture,
// test/seed/fixtures/technology-labels.yaml; `npm run seed:report` prints the score.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

import { technologyMatches } from "./derive.js";
import type { SeedGraph } from "./graph.js";
import { readSeedFile } from "./read.js";

export const TECHNOLOGY_LABELS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test/seed/fixtures/technology-labels.yaml");

const MAX_LABELS = 10_000;
const Label = z.object({
  node: z.string().min(1).max(500),
  group: z.string().min(1).max(500),
  concerns: z.boolean(),
  why: z.string().min(1).max(500),
}).strict();
const LabelsFile = z.object({ labels: z.array(Label).min(1).max(MAX_LABELS) }).strict();

export interface TechnologyLabel extends z.output<typeof Label> { at: string }
export interface Pair { node: string; group: string }

export interface TechnologyScore {
  labelled: number;
  truePositives: number;
  trueNegatives: number;
  /** linked by the rules, labelled wrong */
  falsePositives: (Pair & { why: string })[];
  /** labelled right, not linked by the rules */
  falseNegatives: (Pair & { why: string })[];
  /** null when there is nothing to divide by */
  precision: number | null;
  recall: number | null;
  /** pairs the rules link on the seed that no label covers */
  unlabelled: Pair[];
}

/** Reads and checks the labels file; throws an Error naming file:line for each problem. */
export function readTechnologyLabels(file: string = TECHNOLOGY_LABELS_FILE): TechnologyLabel[] {
  const f = readSeedFile(file, path.join(process.cwd(), "_")); // named relative to the working folder
  if (f.errors.length) throw new Error(f.errors.join("\n"));
  const parsed = LabelsFile.safeParse(f.data);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${f.name}:${f.lineOf(i.path as (string | number)[])}: ${i.path.join(".") || "(file)"}: ${i.message}`).join("\n"));
  }
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const labels = parsed.data.labels.map((l, i) => {
    const line = f.lineOf(["labels", i]);
    const key = `${l.node}|${l.group}`;
    if (seen.has(key)) problems.push(`${f.name}:${line}: ${l.node} → ${l.group} is labelled twice (first at line ${seen.get(key)})`);
    seen.set(key, line);
    return { ...l, at: `${f.name}:${line}` };
  });
  if (problems.length) throw new Error(problems.join("\n"));
  return labels;
}

/** The labels whose task/target or group the seed does not have, as `file:line: …` lines. */
export function unknownLabelIds(graph: Pick<SeedGraph, "nodes">, labels: TechnologyLabel[]): string[] {
  const out: string[] = [];
  for (const l of labels) {
    const node = graph.nodes.get(l.node);
    if (node?.type !== "Task" && node?.type !== "Target") out.push(`${l.at}: no task or target ${l.node}`);
    if (graph.nodes.get(l.group)?.type !== "TechnologyGroup") out.push(`${l.at}: no technology group ${l.group}`);
  }
  return out;
}

/** Scores what the rules link against the labels. Pure. */
export function scoreTechnology(linked: Pair[], labels: TechnologyLabel[]): TechnologyScore {
  const key = (p: Pair) => `${p.node}|${p.group}`;
  const predicted = new Set(linked.map(key));
  const labelledKeys = new Set(labels.map(key));
  let truePositives = 0;
  let trueNegatives = 0;
  const falsePositives: TechnologyScore["falsePositives"] = [];
  const falseNegatives: TechnologyScore["falseNegatives"] = [];
  for (const l of labels) {
    const p = predicted.has(key(l));
    if (p && l.concerns) truePositives++;
    else if (!p && !l.concerns) trueNegatives++;
    else (p ? falsePositives : falseNegatives).push({ node: l.node, group: l.group, why: l.why });
  }
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
  return {
    labelled: labels.length,
    truePositives,
    trueNegatives,
    falsePositives,
    falseNegatives,
    precision: ratio(truePositives, truePositives + falsePositives.length),
    recall: ratio(truePositives, truePositives + falseNegatives.length),
    unlabelled: [...new Map(linked.filter((p) => !labelledKeys.has(key(p))).map((p) => [key(p), p])).values()],
  };
}

/** The rules' score on the seed: every pair they find (stated in a seed file or not) against the labels. */
export function scoreTechnologyRules(graph: Pick<SeedGraph, "nodes" | "citations" | "relationships">, labels: TechnologyLabel[]): TechnologyScore {
  return scoreTechnology(technologyMatches(graph).map((m) => ({ node: m.citation.id, group: m.group })), labels);
}
