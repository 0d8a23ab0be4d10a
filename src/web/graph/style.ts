// How the graph view looks: a colour and a shape per node type, tasks coloured by their
// status as of the view's date instead, and the labels of both in the two languages (the
// legend reads the same tables, so the picture and its legend cannot disagree).
import type cytoscape from "cytoscape";

import type { Text } from "../common/i18n.js";

// No rounded polygons (round-tag, round-diamond, …): the SVG export (cytoscape-svg) draws them wrong.
export const TYPES: Record<string, { color: string; shape: cytoscape.Css.NodeShape; label: Text }> = {
  Document: { color: "#1e3a8a", shape: "rectangle", label: { vi: "Văn bản", en: "Document" } },
  Section: { color: "#60a5fa", shape: "round-rectangle", label: { vi: "Mục", en: "Section" } },
  Task: { color: "#94a3b8", shape: "ellipse", label: { vi: "Nhiệm vụ", en: "Task" } },
  Target: { color: "#0e7490", shape: "diamond", label: { vi: "Mục tiêu", en: "Target" } },
  Indicator: { color: "#5eead4", shape: "triangle", label: { vi: "Chỉ số", en: "Indicator" } },
  Agency: { color: "#7c3aed", shape: "hexagon", label: { vi: "Cơ quan", en: "Agency" } },
  Person: { color: "#c084fc", shape: "ellipse", label: { vi: "Cá nhân", en: "Person" } },
  Event: { color: "#a16207", shape: "star", label: { vi: "Hội nghị, cuộc họp", en: "Meeting" } },
  TechnologyGroup: { color: "#be185d", shape: "octagon", label: { vi: "Nhóm công nghệ", en: "Technology group" } },
  TechnologyProduct: { color: "#f9a8d4", shape: "octagon", label: { vi: "Sản phẩm công nghệ", en: "Technology product" } },
  ProgressReport: { color: "#fde68a", shape: "pentagon", label: { vi: "Báo cáo tiến độ", en: "Progress report" } },
  Source: { color: "#d1d5db", shape: "tag", label: { vi: "Nguồn", en: "Source" } },
};
const OTHER = { color: "#6b7280", shape: "ellipse" as const, label: { vi: "Khác", en: "Other" } };
export const typeStyle = (type: string) => TYPES[type] ?? OTHER;

/** A task's status as of the date (TaskStatus). */
export const STATUSES: Record<string, { color: string; label: Text }> = {
  DONE: { color: "#16a34a", label: { vi: "Hoàn thành", en: "Done" } },
  IN_PROGRESS: { color: "#f59e0b", label: { vi: "Đang thực hiện", en: "In progress" } },
  NOT_STARTED: { color: "#cbd5e1", label: { vi: "Chưa bắt đầu", en: "Not started" } },
  OVERDUE: { color: "#dc2626", label: { vi: "Quá hạn", en: "Overdue" } },
  UNKNOWN: { color: "#ffffff", label: { vi: "Chưa rõ", en: "Unknown" } },
};

/** The fill of a node: a task's status colour, else its type's. */
export function fillOf(data: { type: string; status?: string }): string {
  if (data.type === "Task" && data.status) return STATUSES[data.status]?.color ?? OTHER.color;
  return typeStyle(data.type).color;
}

export const FONT = '"Noto Sans", system-ui, sans-serif';

export const stylesheet: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(display)", "font-family": FONT, "font-size": 9, "text-wrap": "ellipsis", "text-max-width": "130px",
      "text-valign": "bottom", "text-margin-y": 3, color: "#1f2937", "min-zoomed-font-size": 6,
      width: 22, height: 22, "background-color": "data(fill)", shape: "data(shape)" as never,
      "border-width": 1, "border-color": "#475569",
    },
  },
  { selector: 'node[type = "Task"]', style: { "border-width": 2, "border-color": "#1f2937" } },
  { selector: 'node[type = "Task"][status = "UNKNOWN"]', style: { "border-style": "dashed" } },
  { selector: 'node[type = "Document"]', style: { width: 30, height: 30 } },
  { selector: 'node[type = "Source"], node[type = "ProgressReport"]', style: { width: 14, height: 14, "font-size": 7 } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#b91c1c", "overlay-opacity": 0 } },
  {
    selector: "edge",
    style: {
      width: 1.2, "line-color": "#94a3b8", "target-arrow-color": "#94a3b8", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
      "curve-style": "bezier", "font-family": FONT, "font-size": 7, color: "#475569",
      "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
    },
  },
  { selector: 'edge[type = "SOURCED_FROM"]', style: { "line-style": "dotted", "line-color": "#cbd5e1", "target-arrow-color": "#cbd5e1" } },
  { selector: 'edge[type = "DEPENDS_ON"]', style: { "line-color": "#b45309", "target-arrow-color": "#b45309", width: 2 } },
  // the relationship types are written on the selected node's edges only: all of them at once are unreadable
  { selector: "edge.gv-near", style: { label: "data(type)", "line-color": "#64748b", "target-arrow-color": "#64748b" } },
  { selector: "edge:selected", style: { "line-color": "#b91c1c", "target-arrow-color": "#b91c1c", width: 3 } },
];
