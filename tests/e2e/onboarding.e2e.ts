import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, screenshot, signUp } from "../helpers/browser";
import { type E2eApp, startApp, startE2eApp } from "../helpers/e2e-app";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("onboarding in the browser", () => {
  let app: E2eApp;
  let browser: Browser;
  const password = "a long enough passphrase";

  beforeAll(async () => {
    app = await startE2eApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("signs up, creates an organisation, invites a viewer, changes their role and removes them", async () => {
    const alice = await browser.newContext();
    const page = await alice.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/agent/i);
    await screenshot(page, "01-landing");

    await signUp(page, app.url, { email: "alice@example.test", password, name: "Alice", organization: "Acme Robotics" });
    await page.waitForURL(/\/acme-robotics$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Acme Robotics");
    await screenshot(page, "02-overview");

    for (const [section, file] of [
      ["servers", "03-servers"],
      ["calls", "04-logs"],
      ["approvals", "05-approvals"],
      ["settings", "06-settings"],
      ["events", "07-admin-events"],
    ] as const) {
      await page.goto(`${app.url}/acme-robotics/${section}`);
      await screenshot(page, file);
    }

    await page.goto(`${app.url}/acme-robotics/members`);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByTestId("token-value").inputValue();
    expect(link).toMatch(/\/invite\/tgi_/);
    await screenshot(page, "08-members-invite");

    const bob = await browser.newContext();
    const bobPage = await bob.newPage();
    await bobPage.goto(link);
    await bobPage.getByRole("link", { name: "Create an account" }).click();
    await bobPage.waitForURL(/\/sign-up\?invitation=/);
    await expect.poll(() => bobPage.getByText("You were invited to join Acme Robotics").count()).toBe(1);
    await signUp(bobPage, app.url, { email: "bob@example.test", password, name: "Bob" });
    await bobPage.waitForURL(/\/acme-robotics$/);
    await bobPage.goto(`${app.url}/acme-robotics/members`);
    await expect.poll(() => bobPage.getByRole("button", { name: "Create invitation link" }).count()).toBe(0);
    await screenshot(bobPage, "09-members-as-viewer");

    await page.reload();
    const bobRow = page.getByTestId("member-bob@example.test");
    await expect.poll(() => bobRow.getByTestId("member-role").textContent()).toBe("Viewer");
    await bobRow.getByLabel("Role of bob@example.test").selectOption("policy_manager");
    await bobRow.getByRole("button", { name: "Save role" }).click();
    await expect.poll(() => bobRow.getByTestId("member-role").textContent()).toBe("Policy manager");

    await bobRow.getByTestId("remove-bob@example.test-trigger").click();
    await bobRow.getByTestId("remove-bob@example.test-submit").click();
    await expect.poll(() => page.getByTestId("member-bob@example.test").count()).toBe(0);
    await screenshot(page, "10-members-after-removal");

    const response = await bobPage.goto(`${app.url}/acme-robotics`);
    expect(response?.status()).toBe(404);

    await page.goto(`${app.url}/acme-robotics/events`);
    const events = await page.locator("td.font-mono").allTextContents();
    expect(events).toEqual(expect.arrayContaining(["org.created", "member.invited", "member.joined", "member.role_changed", "member.removed"]));

    // A second organisation, and switching between the two keeps the section.
    await page.goto(`${app.url}/orgs/new`);
    await page.getByLabel("Organisation name").fill("Side Project");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await page.waitForURL(/\/side-project$/);
    await page.goto(`${app.url}/side-project/members`);
    await page.getByLabel("Organisation", { exact: true }).selectOption("acme-robotics");
    await page.waitForURL(/\/acme-robotics\/members$/);
    await screenshot(page, "12-switched-organisation");
    await alice.close();
    await bob.close();
  });

  it("rejects a wrong password with a clear message and keeps data across a restart", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email").fill("alice@example.test");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByText("Wrong email or password.").count()).toBe(1);
    await screenshot(page, "11-sign-in-error");

    // Restart the server on the same database: the account and organisation must still be there.
    await app.stopServer();
    const restarted = await startApp(app.env);
    try {
      await page.goto(`${restarted.url}/sign-in`);
      await page.getByLabel("Email").fill("alice@example.test");
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/acme-robotics$/);
    } finally {
      await restarted.stop();
      await context.close();
    }
  });
});
