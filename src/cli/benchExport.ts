// `npm run bench:export`: memory and time of every export format on a synthetic graph streamed
// through it (no database), at two sizes, to show that memory stays flat as exports grow.
// Output goes to a counting sink; the peak heap is sampled while each format writes.
import { Writable } from "node:stream";
import { performance } from "node:perf_hooks";

import { FORMATS } from "../export/formats/index.js";
import type { ExportNode, ExportRelationship, ExportSchema, GraphSource, PropertySchema } from "../export/model.js";

const p = (name: string, type: PropertySchema["type"] = "string", list = false): PropertySchema => ({ name, type, list });
const schema: ExportSchema = {
  nodeLabels: new Map([
    ["Agency", [p("id"), p("nameVi"), p("nameEn"), p("kind")]],
    ["Task", [p("id"), p("titleVi"), p("titleEn"), p("deadline", "date"), p("recurring", "boolean"), p("status"), p("lifeStart", "date"), p("lifeEnd", "date")]],
  ]),
  relationshipTypes: new Map([
    ["COORDINATED_WITH", [p("sourceId"), p("quote"), p("trust")]],
    ["LED_BY", [p("sourceId"), p("quote"), p("trust")]],
  ]),
};

/** `tasks` tasks, each led by one of 500 agencies and coordinated with another: 2 × tasks relationships. */
function synthetic(tasks: number): GraphSource {
  const agencies = 500;
  return {
    schema,
    meta: { title: "synthetic", generatedAt: new Date().toISOString(), asOf: "2026-01-01", selection: {}, nodeCount: tasks + agencies, relationshipCount: 2 * tasks },
    async *nodes(): AsyncGenerator<ExportNode> {
      for (let a = 0; a < agencies; a++) yield { id: `agency-${a}`, label: "Agency", properties: { id: `agency-${a}`, nameVi: `Bộ số ${a}`, nameEn: `Ministry ${a}`, kind: "MINISTRY" } };
      for (let t = 0; t < tasks; t++) {
        yield { id: `task-${t}`, label: "Task", properties: {
          id: `task-${t}`, titleVi: `Nhiệm vụ chuyển đổi số số ${t} — “đột phá”`, titleEn: `Task ${t}`, deadline: "2025-12-31", recurring: false, status: "UNKNOWN", lifeStart: "2025-01-09", lifeEnd: "2025-12-31",
        } };
      }
    },
    async *relationships(): AsyncGenerator<ExportRelationship> {
      for (const type of ["COORDINATED_WITH", "LED_BY"]) {
        for (let t = 0; t < tasks; t++) {
          const a = type === "LED_BY" ? t % agencies : (t * 7 + 1) % agencies;
          yield { id: `task-${t}|${type}|agency-${a}`, type, start: `task-${t}`, end: `agency-${a}`, properties: { sourceId: "official-03-NQ-CP-appendix-II", quote: `Bộ số ${a} chủ trì`, trust: "TRANSCRIPTION" } };
        }
      }
    },
  };
}

class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) { this.bytes += chunk.length; setImmediate(done); }
}

async function measure(format: string, tasks: number) {
  globalThis.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
  const out = new Counter();
  const started = performance.now();
  await FORMATS[format]!.write(synthetic(tasks), out);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms: performance.now() - started, bytes: out.bytes, peakMb: (peak - base) / 2 ** 20 };
}

console.log(`${"format".padEnd(10)} ${"relationships".padStart(13)} ${"output MB".padStart(10)} ${"seconds".padStart(8)} ${"peak heap +MB".padStart(14)}`);
for (const format of Object.keys(FORMATS)) {
  for (const tasks of [5_000, 50_000]) {
    const m = await measure(format, tasks);
    console.log(`${format.padEnd(10)} ${String(2 * tasks).padStart(13)} ${(m.bytes / 2 ** 20).toFixed(1).padStart(10)} ${(m.ms / 1000).toFixed(2).padStart(8)} ${m.peakMb.toFixed(1).padStart(14)}`);
  }
}
