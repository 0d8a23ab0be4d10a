// The graph view's labels, Vietnamese and English.
import type { Text } from "../common/i18n.js";

export const L = {
  title: { vi: "Đồ thị", en: "Graph view" },
  seeds: { vi: "Mã nút gốc", en: "Seed ids" },
  depth: { vi: "Độ sâu", en: "Depth" },
  asOf: { vi: "Tính đến ngày", en: "As of" },
  show: { vi: "Hiển thị", en: "Show" },
  search: { vi: "Tìm nút theo mã hoặc tên", en: "Find a node by id or title" },
  find: { vi: "Tìm", en: "Find" },
  notFound: { vi: "Không có nút nào như vậy trong hình", en: "No such node in the picture" },
  layout: { vi: "Bố cục", en: "Layout" },
  layouts: {
    cose: { vi: "Lực hút (tự do)", en: "Force-directed" },
    dagre: { vi: "Phân cấp (cây văn bản)", en: "Hierarchical (document tree)" },
    breadthfirst: { vi: "Theo tầng từ gốc", en: "Breadth-first from the seeds" },
    concentric: { vi: "Đồng tâm", en: "Concentric" },
    circle: { vi: "Vòng tròn", en: "Circle" },
    grid: { vi: "Lưới", en: "Grid" },
  } as Record<string, Text>,
  picture: { vi: "Tải ảnh", en: "Download the picture" },
  selection: { vi: "Tải lựa chọn", en: "Download the selection" },
  tooManySeeds: { vi: "quá nhiều nút để xuất theo mã (tối đa 100)", en: "too many nodes to export by id (at most 100)" },
  loading: { vi: "Đang tải…", en: "Loading…" },
  counts: { vi: "{n} nút · {r} quan hệ · tính đến {d}", en: "{n} nodes · {r} relationships · as of {d}" },
  legend: { vi: "Chú giải", en: "Legend" },
  tasksByStatus: { vi: "Nhiệm vụ theo trạng thái tính đến {d}", en: "Tasks by status as of {d}" },
  hint: { vi: "Bấm vào nút để xem chi tiết; bấm đúp để mở rộng các nút lân cận.", en: "Click a node for its details; double-click to expand its neighbours." },
  error: { vi: "Không hiển thị được", en: "Cannot show this" },
  properties: { vi: "Thuộc tính", en: "Properties" },
  quotes: { vi: "Trích dẫn nguồn", en: "Source quotes" },
  noQuotes: { vi: "Không có trích dẫn nguồn.", en: "No source quotes." },
  relationships: { vi: "Quan hệ trong hình", en: "Relationships in the picture" },
  status: { vi: "Trạng thái", en: "Status" },
  expand: { vi: "Mở rộng lân cận", en: "Expand neighbours" },
  trust: { vi: "độ tin cậy", en: "trust" },
  trace: { vi: "Truy vết {id}", en: "Trace of {id}" },
  connect: { vi: "Liên hệ giữa {a} và {b}", en: "Connections between {a} and {b}" },
  dependencies: { vi: "Chuỗi phụ thuộc của {id}", en: "Dependency chain of {id}" },
} satisfies Record<string, Text | Record<string, Text>>;

/** A label with {name} slots filled. */
export const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
