/**
 * The cross-tenant matrix (STYLE rule 21). Mallory's organisation B is crawled as Mallory: every
 * page and resource URL she can reach, and every hidden id in her forms. Alice, a member of A only,
 * must then get 404 for each of those URLs, for the same paths under her own slug with B's ids,
 * and an error for every form of A resubmitted with B's organisation and ids. New routes join the
 * matrix by being linked from the dashboard: nothing here lists them by hand except the seeds.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, signUp } from "../helpers/browser";
import { type E2eApp, startE2eApp } from "../helpers/e2e-app";
import { seedOrganisationThroughUi } from "../helpers/e2e-seed";
import { startServerEverything, type Upstream } from "../helpers/mcp-upstream";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

const PASSWORD = "a long enough passphrase";
const MAX_PAGES = 80;

async function crawl(page: Page, baseUrl: string, slug: string): Promise<{ paths: Set<string>; hiddenInputs: Map<string, Set<string>> }> {
  const paths = new Set<string>();
  const hiddenInputs = new Map<string, Set<string>>();
  const queue = [`/${slug}`];
  while (queue.length > 0 && paths.size < MAX_PAGES) {
    const path = queue.shift() as string;
    if (paths.has(path)) continue;
    paths.add(path);
    // Export links start a download instead of a page: they are still URLs to test, just not to crawl.
    const response = await page.goto(`${baseUrl}${path}`).catch((error: Error) => {
      if (/Download is starting/.test(error.message)) return null;
      throw error;
    });
    const contentType = response?.headers()["content-type"] ?? "";
    if (response?.status() !== 200 || !contentType.includes("text/html")) continue;
    const links = await page.$$eval("a[href]", (anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
    for (const href of links) {
      if (href.startsWith(`/${slug}`) && !paths.has(href) && !queue.includes(href)) queue.push(href);
    }
    const inputs = await page.$$eval("form input[type=hidden]", (elements) =>
      elements.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value] as const),
    );
    for (const [name, value] of inputs) {
      if (!name || name.startsWith("$") || name === "orgSlug") continue;
      if (!hiddenInputs.has(name)) hiddenInputs.set(name, new Set());
      hiddenInputs.get(name)?.add(value);
    }
  }
  return { paths, hiddenInputs };
}

/** Rewrites every form on the page to target organisation B and B's ids, submits each, and returns the error texts. */
async function submitTamperedForms(
  page: Page,
  url: string,
  slug: string,
  foreignIds: Map<string, Set<string>>,
  mode: "foreign-org" | "foreign-ids",
): Promise<Array<{ form: number; error: string }>> {
  await page.goto(url);
  const count = await page.locator("form:has(input[name=orgSlug])").count();
  const results: Array<{ form: number; error: string }> = [];
  for (let index = 0; index < count; index++) {
    await page.goto(url);
    const form = page.locator("form:has(input[name=orgSlug])").nth(index);
    const ids = Object.fromEntries([...foreignIds].map(([name, values]) => [name, [...values][0] ?? ""]));
    const usedForeignId = await form.evaluate(
      (element, { slug, ids }) => {
        let replaced = false;
        // The server must judge the submission, not the browser's own field validation.
        (element as HTMLFormElement).noValidate = true;
        for (const input of Array.from(element.querySelectorAll("input"))) {
          if (input.name === "orgSlug") input.value = slug;
          else if (input.type === "hidden" && ids[input.name] !== undefined) {
            input.value = ids[input.name] as string;
            replaced = true;
          } else if (input.type !== "hidden" && !input.value) {
            input.value = input.type === "email" ? "x@example.test" : input.type === "url" ? "https://example.test/mcp" : input.type === "number" ? "1" : "x";
          }
        }
        return replaced;
      },
      { slug, ids },
    );
    // Under A's own slug, a form without any id of B is simply A's legitimate action.
    if (mode === "foreign-ids" && !usedForeignId) continue;
    const trigger = form.locator("[data-testid$='-trigger']");
    if ((await trigger.count()) > 0) {
      await trigger.first().click();
      await form.locator("[data-testid$='-submit']").first().click();
    } else {
      await form.locator("button[type=submit]").first().click();
    }
    // The page was loaded fresh for this form, so any alert on it answers this submission.
    const alert = page.locator("[role=alert]:not(:empty)");
    const formText = await form
      .textContent()
      .then((text) => text ?? "")
      .catch(() => "(form gone)");
    await expect
      .poll(() => alert.count(), { timeout: 15_000, message: `no answer from form ${index} of ${url}: "${formText.slice(0, 120)}"` })
      .toBeGreaterThan(0);
    results.push({ form: index, error: (await alert.first().textContent()) ?? "" });
  }
  return results;
}

describe.skipIf(skipReason !== null)("tenant isolation across every dashboard route and action", () => {
  let app: E2eApp;
  let upstream: Upstream;
  let browser: Browser;
  let alice: BrowserContext;
  let mallory: BrowserContext;
  let crawlA: Awaited<ReturnType<typeof crawl>>;
  let crawlB: Awaited<ReturnType<typeof crawl>>;

  beforeAll(async () => {
    [app, upstream] = await Promise.all([startE2eApp(), startServerEverything()]);
    browser = await launchBrowser();
    alice = await browser.newContext();
    mallory = await browser.newContext();
    const alicePage = await alice.newPage();
    const malloryPage = await mallory.newPage();
    await signUp(alicePage, app.url, { email: "alice@a.test", password: PASSWORD, name: "Alice", organization: "Org A" });
    await alicePage.waitForURL(/\/org-a$/);
    await signUp(malloryPage, app.url, { email: "mallory@b.test", password: PASSWORD, name: "Mallory", organization: "Org B" });
    await malloryPage.waitForURL(/\/org-b$/);
    await seedOrganisationThroughUi(alicePage, app.url, "org-a", upstream.url);
    await seedOrganisationThroughUi(malloryPage, app.url, "org-b", upstream.url);
    crawlA = await crawl(alicePage, app.url, "org-a");
    crawlB = await crawl(malloryPage, app.url, "org-b");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await upstream?.close();
  });

  it("finds organisation B's pages to test", () => {
    expect(crawlB.paths.size).toBeGreaterThanOrEqual(7);
  });

  it("answers 404 to a member of A for every URL of B, and for B's ids under A's slug", async () => {
    const failures: string[] = [];
    for (const path of crawlB.paths) {
      const response = await alice.request.get(`${app.url}${path}`, { maxRedirects: 0 });
      if (response.status() !== 404) failures.push(`${path} → ${response.status()}`);
      const underA = path.replace(/^\/org-b/, "/org-a");
      const ownPath = [...crawlA.paths].some((p) => p.split("?")[0] === underA.split("?")[0]);
      if (!ownPath) {
        const crossed = await alice.request.get(`${app.url}${underA}`, { maxRedirects: 0 });
        if (crossed.status() !== 404) failures.push(`${underA} (B's ids) → ${crossed.status()}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses every action of A's forms when aimed at B's organisation or at B's ids", async () => {
    const page = await alice.newPage();
    const formPages = [...crawlA.paths].filter((path) => !path.includes("?"));
    const outcomes: string[] = [];
    for (const path of formPages) {
      for (const target of ["org-b", "org-a"]) {
        const results = await submitTamperedForms(page, `${app.url}${path}`, target, crawlB.hiddenInputs, target === "org-b" ? "foreign-org" : "foreign-ids");
        for (const { form, error } of results) {
          // Aimed at B: the organisation is not found. Aimed at A with B's ids: the id is not found,
          // or the input is rejected before any lookup. Never a success message.
          const isRefused = target === "org-b" ? /organisation not found/i.test(error) : /not found|check the highlighted|choose/i.test(error);
          if (!isRefused) outcomes.push(`${path} form ${form} → ${target}: "${error}"`);
        }
      }
    }
    expect(outcomes).toEqual([]);
    const malloryPage = await mallory.newPage();
    await malloryPage.goto(`${app.url}/org-b/members`);
    expect(await malloryPage.locator("[data-testid^='member-']").count()).toBeGreaterThanOrEqual(1);
    await malloryPage.goto(`${app.url}/org-b/settings`);
    expect(await malloryPage.getByLabel("Organisation name").inputValue()).toBe("Org B");
  });
});
