// Chart.js, registered with only the parts the panels draw (bars and their scales), so the
// bundle carries no more of it than it uses. Animations are off: a dashboard redraws on every
// filter change, and a still picture is what a screenshot or a reader wants.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartDataset } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = '"Noto Sans", system-ui, sans-serif';
Chart.defaults.animation = false;

export const COLOURS: Record<string, string> = {
  DONE: "#15803d", IN_PROGRESS: "#2563eb", NOT_STARTED: "#a16207", OVERDUE: "#b91c1c", UNKNOWN: "#9ca3af", OTHER: "#9ca3af", TOTAL: "#1d4ed8",
};

/** A stacked bar chart, horizontal when the labels are long (agencies, documents). */
export function stackedBars(canvas: HTMLCanvasElement, labels: string[], datasets: ChartDataset<"bar">[], horizontal: boolean): Chart<"bar", (number | [number, number] | null)[], string> {
  return new Chart<"bar", (number | [number, number] | null)[], string>(canvas, {
    type: "bar",
    data: { labels, datasets },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, ticks: horizontal ? { precision: 0 } : { autoSkip: true } },
        y: { stacked: true, ticks: horizontal ? { autoSkip: false, callback(v) { const s = this.getLabelForValue(Number(v)); return s.length > 38 ? s.slice(0, 37) + "…" : s; } } : { precision: 0 } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
}
