// The pages a person opens in a browser: /graph (the graph view), /dashboard, and their
// scripts under /assets (bundle.ts). Each page is an HTML shell that loads its bundle; the
// data comes from the public API (/graphql, /export), as any client's would. The Content-
// Security-Policy keeps every request on this origin, so the pages work offline.
import type express from "express";

import { createBundler } from "./bundle.js";

/** Same-origin only: scripts, styles, fonts, images and fetches. Inline styles are allowed for the libraries that set them. */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'",
].join("; ");

/** The pages and their titles (the shell's, before the script sets its own in the chosen language). */
export const PAGES: Record<string, { path: string; title: string }> = {
  graph: { path: "/graph", title: "Policy Graph — đồ thị · graph view" },
  dashboard: { path: "/dashboard", title: "Policy Graph — bảng điều khiển · dashboard" },
};

export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b91c1c"/><circle cx="9" cy="22" r="4" fill="#fde047"/><circle cx="23" cy="22" r="4" fill="#fde047"/><circle cx="16" cy="9" r="4" fill="#fde047"/><path d="M9 22L16 9L23 22Z" fill="none" stroke="#fde047" stroke-width="2"/></svg>`;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function shell(page: string, title: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/${page}.css"></head>
<body><div id="app"></div><script src="/assets/${page}.js"></script></body></html>`;
}

/** Serves the pages; returns their bundler, whose `asset()` a started service may call once to build them before anyone asks. */
export function pageRoutes(app: express.Express, bundler = createBundler()) {
  const favicon = (_req: express.Request, res: express.Response) => res.type("image/svg+xml").set("Cache-Control", "public, max-age=86400").send(FAVICON);
  app.get("/favicon.svg", favicon);
  app.get("/favicon.ico", favicon);
  for (const [name, { path, title }] of Object.entries(PAGES)) {
    app.get(path, (_req, res) => {
      res.set("Content-Security-Policy", PAGE_CSP).set("Cache-Control", "no-cache").type("html").send(shell(name, title));
    });
  }
  app.get("/assets/:file", async (req, res, next) => {
    try {
      const asset = await bundler.asset(req.params.file);
      if (!asset) return void res.status(404).json({ errors: [{ message: `No asset ${req.params.file}`, extensions: { code: "NOT_FOUND" } }] });
      // Built once per process: a page reload within a run needs no new bytes, a restart may bring new ones.
      res.set("Cache-Control", "no-cache").type(asset.type).send(Buffer.from(asset.body));
    } catch (e) {
      next(e);
    }
  });
  return bundler;
}
