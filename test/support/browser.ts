// A real browser for the page tests: Debian's Chromium (installed by ensure-chromium.sh)
// driven by playwright-core, which downloads no browser of its own. Every request a page
// makes is recorded; any that would leave the service's origin is aborted and listed in
// `offsite`, so a test can assert that the pages work offline. Screenshots go to
// artifacts/screenshots/ (kept by CI as test artefacts, ignored by git).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import { startTestApp, type TestApp } from "./app.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.resolve("artifacts/screenshots");

export interface BrowserRun {
  app: TestApp;
  /** http://127.0.0.1:PORT */
  base: string;
  browser: Browser;
  context: BrowserContext;
  /** every URL requested, in order */
  requests: string[];
  /** the URLs that would have left the origin (aborted) */
  offsite: string[];
  /** console errors and uncaught page errors */
  pageErrors: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<BrowserRun> {
  const app = await startTestApp();
  const port = await app.app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" });
  const requests: string[] = [];
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(base + "/") || url.startsWith("data:") || url.startsWith("blob:")) await route.continue();
    else {
      offsite.push(url);
      await route.abort();
    }
  });
  return {
    app, base, browser, context, requests, offsite, pageErrors,
    async newPage() {
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      page.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
      return page;
    },
    async screenshot(page, name) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
