/**
 * The role ladder is enforced by the server, not by hidden buttons. Every form an admin sees is
 * posted, exactly as the browser would post it (a progressive-enhancement server-action POST with
 * the action's id and fields), by a viewer and by a policy manager. Unless the same action is
 * offered to them on their own page, the server must answer with the role error and change nothing.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, signUp } from "../helpers/browser";
import { type E2eApp, startE2eApp } from "../helpers/e2e-app";
import { seedOrganisationThroughUi } from "../helpers/e2e-seed";
import { startServerEverything, type Upstream } from "../helpers/mcp-upstream";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

const PASSWORD = "a long enough passphrase";
type CapturedForm = { path: string; actionId: string; fields: Record<string, string> };

async function captureForms(page: Page, baseUrl: string, slug: string): Promise<CapturedForm[]> {
  const seen = new Set<string>();
  const queue = [`/${slug}`];
  const forms: CapturedForm[] = [];
  while (queue.length > 0 && seen.size < 60) {
    const path = queue.shift() as string;
    if (seen.has(path) || path.includes("?")) continue;
    seen.add(path);
    const response = await page.goto(`${baseUrl}${path}`);
    if (response?.status() !== 200) continue;
    for (const href of await page.$$eval("a[href]", (anchors) => anchors.map((a) => a.getAttribute("href") ?? ""))) {
      if (href.startsWith(`/${slug}`) && !seen.has(href)) queue.push(href);
    }
    const pageForms = await page.$$eval("form", (elements) =>
      elements.map((form) => {
        const fields: Record<string, string> = {};
        for (const control of Array.from(form.querySelectorAll("input, select, textarea")) as HTMLInputElement[]) {
          if (control.name) fields[control.name] = control.value;
        }
        return fields;
      }),
    );
    for (const fields of pageForms) {
      const ref = Object.entries(fields).find(([name]) => /^\$ACTION_\d+:0$/.test(name));
      const actionId = ref ? (JSON.parse(ref[1]) as { id: string }).id : Object.keys(fields).find((name) => name.startsWith("$ACTION_ID_"));
      if (actionId && fields.orgSlug) forms.push({ path, actionId, fields });
    }
  }
  return forms;
}

async function postAsBrowserWould(request: APIRequestContext, url: string, fields: Record<string, string>): Promise<string> {
  const response = await request.post(url, { multipart: fields, headers: { Origin: new URL(url).origin }, maxRedirects: 0 });
  return response.text();
}

async function joinAs(browser: Browser, app: E2eApp, inviteLink: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(inviteLink);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(/\/sign-up\?invitation=/);
  await signUp(page, app.url, { email, password: PASSWORD, name: email.split("@")[0] as string });
  await page.waitForURL(/\/org-a$/);
  return context;
}

describe.skipIf(skipReason !== null)("roles are enforced on the server for every action", () => {
  let app: E2eApp;
  let upstream: Upstream;
  let browser: Browser;
  let adminForms: CapturedForm[];
  const members: Record<"viewer" | "policy_manager", BrowserContext | undefined> = { viewer: undefined, policy_manager: undefined };

  beforeAll(async () => {
    [app, upstream] = await Promise.all([startE2eApp(), startServerEverything()]);
    browser = await launchBrowser();
    const admin = await browser.newContext();
    const page = await admin.newPage();
    await signUp(page, app.url, { email: "admin@a.test", password: PASSWORD, name: "Admin", organization: "Org A" });
    await page.waitForURL(/\/org-a$/);
    for (const role of ["viewer", "policy_manager"] as const) {
      await page.goto(`${app.url}/org-a/members`);
      await page.getByLabel("Role", { exact: true }).selectOption(role);
      await page.getByRole("button", { name: "Create invitation link" }).click();
      const link = await page.getByTestId("token-value").inputValue();
      members[role] = await joinAs(browser, app, link, `${role}@a.test`);
    }
    await seedOrganisationThroughUi(page, app.url, "org-a", upstream.url);
    adminForms = await captureForms(page, app.url, "org-a");
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await upstream?.close();
  });

  it("captures the admin's forms", () => {
    expect(adminForms.length).toBeGreaterThanOrEqual(4);
  });

  for (const role of ["viewer", "policy_manager"] as const) {
    it(`refuses every admin-only action to a ${role}`, async () => {
      const context = members[role] as BrowserContext;
      const page = await context.newPage();
      const offered = new Set((await captureForms(page, app.url, "org-a")).map((form) => form.actionId));
      const failures: string[] = [];
      let refused = 0;
      for (const form of adminForms) {
        if (offered.has(form.actionId)) continue;
        const html = await postAsBrowserWould(context.request, `${app.url}${form.path}`, form.fields);
        if (/This needs the (admin|policy manager) role/.test(html)) refused += 1;
        else
          failures.push(
            `${form.path} ${Object.keys(form.fields)
              .filter((k) => !k.startsWith("$"))
              .join(",")}`,
          );
      }
      expect(failures).toEqual([]);
      expect(refused).toBeGreaterThan(0);
      await page.goto(`${app.url}/org-a/members`);
      expect(await page.locator("tr[data-testid^='member-']").count()).toBe(3);
    });
  }
});
