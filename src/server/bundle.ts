// The pages' scripts, styles and fonts, bundled by esbuild from src/web/<page>/main.ts on the
// first request for any of them and kept in memory. There is no build step to forget and no
// CDN: everything a page loads comes from this service (the offline rule of the pages).
import fs from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";

import { logger } from "../config/logger.js";

export interface Asset { body: Uint8Array; type: string }

const WEB = path.join(path.dirname(new URL(import.meta.url).pathname), "../web");
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".woff2": "font/woff2",
  ".woff": "font/woff", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png", ".map": "application/json",
};

/** The pages: every folder of src/web with a main.ts or main.tsx (common/ is shared code). */
export function pageEntries(dir = WEB): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    for (const file of ["main.ts", "main.tsx"]) {
      const entry = path.join(dir, name, file);
      if (fs.existsSync(entry)) entries[name] = entry;
    }
  }
  return entries;
}

/**
 * The pages' web workers: every src/web/<page>/<name>.worker.ts, bundled on its own as
 * /assets/<page>-<name>.worker.js (a worker cannot share the page's script; Monaco needs three).
 */
export function workerEntries(dir = WEB): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    if (!fs.statSync(path.join(dir, name)).isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(dir, name))) {
      if (file.endsWith(".worker.ts")) entries[`${name}-${file.replace(/\.ts$/, "")}`] = path.join(dir, name, file);
    }
  }
  return entries;
}

/** Builds every page once, on first use; `asset(name)` answers /assets/<name>. */
export function createBundler(dir = WEB) {
  let built: Promise<Map<string, Asset>> | undefined;
  const build = async (): Promise<Map<string, Asset>> => {
    const started = Date.now();
    const result = await esbuild.build({
      entryPoints: { ...pageEntries(dir), ...workerEntries(dir) }, bundle: true, write: false, minify: true, format: "iife", target: "es2020",
      outdir: "/assets", entryNames: "[name]", assetNames: "[name]-[hash]", publicPath: "/assets/",
      loader: { ".woff2": "file", ".woff": "file", ".ttf": "file", ".svg": "file", ".png": "file" },
      jsx: "automatic", define: { "process.env.NODE_ENV": '"production"' }, logLevel: "silent", legalComments: "none",
    });
    const assets = new Map<string, Asset>();
    for (const f of result.outputFiles) {
      assets.set(path.basename(f.path), { body: f.contents, type: TYPES[path.extname(f.path)] ?? "application/octet-stream" });
    }
    logger.info({ pages: Object.keys(pageEntries(dir)), files: assets.size, ms: Date.now() - started }, "pages bundled");
    return assets;
  };
  return {
    async asset(name: string): Promise<Asset | undefined> {
      built ??= build().catch((e: unknown) => { built = undefined; throw e; });
      return (await built).get(name);
    },
  };
}
