import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSkipReason, launchBrowser, screenshot, signUp } from "../helpers/browser";
import { type E2eApp, startE2eApp } from "../helpers/e2e-app";
import { startServerEverything, type Upstream } from "../helpers/mcp-upstream";

const skipReason = browserSkipReason();
if (skipReason) console.warn(skipReason);

describe.skipIf(skipReason !== null)("servers, policies and grants in the browser", () => {
  let app: E2eApp;
  let browser: Browser;
  let upstream: Upstream;
  /** Shared by the flows: the later ones use the server, policy and grant made in the first. */
  let context: BrowserContext;
  let proxyUrl = "";
  let token = "";

  beforeAll(async () => {
    [app, upstream] = await Promise.all([startE2eApp(), startServerEverything()]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    await upstream?.close();
  });

  it("adds a server with tool discovery, creates the suggested policy and mints a grant whose token is shown once", async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await signUp(page, app.url, { email: "ops@example.test", password: "a long enough passphrase", name: "Ops", organization: "Gate Works" });
    await page.waitForURL(/\/gate-works$/);

    await page.goto(`${app.url}/gate-works/servers`);
    await page.getByTestId("add-server").first().click();
    await page.waitForURL(/\/servers\/new$/);
    await page.getByLabel("Name", { exact: true }).fill("everything");
    await page.getByLabel("MCP endpoint URL").fill("http://127.0.0.1:1/mcp");
    await page.getByTestId("save-server").click();
    // A refused connection is reported next to the URL field, and nothing is saved.
    await expect.poll(() => page.locator("#server-url-error").textContent()).toMatch(/Could not reach the MCP server/);
    await page.getByLabel("MCP endpoint URL").fill(upstream.url);
    await page.getByTestId("save-server").click();
    await page.waitForURL(/\/servers\/c[a-z0-9]+$/);
    await expect.poll(() => page.getByTestId("tool-echo").count()).toBe(1);
    proxyUrl = (await page.getByTestId("proxy-url").textContent()) ?? "";
    expect(proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp\/c[a-z0-9]+$/);
    await screenshot(page, "servers-01-detail");

    await page.getByLabel("New policy").fill("starter");
    await page.getByTestId("create-policy").click();
    await page.waitForURL(/\/policies\/c[a-z0-9]+$/);
    await page.getByRole("link", { name: "← Server" }).click();
    await page.waitForURL(/\/servers\/c[a-z0-9]+$/);
    await page.getByLabel("New policy").fill("strict");
    await page.getByLabel("Start from").selectOption("deny_all");
    await page.getByTestId("create-policy").click();
    await page.waitForURL(/\/policies\/c[a-z0-9]+$/);
    const documentText = await page.locator("#policy-document").inputValue();
    expect(JSON.parse(documentText)).toEqual({ version: "1", default: "deny", validate_arguments: true, tools: {} });
    await page.locator("#policy-document").fill('{"version":"1","default":"sometimes"}');
    await page.getByTestId("save-policy").click();
    await expect.poll(() => page.getByTestId("policy-errors").textContent()).toContain("/default");
    await screenshot(page, "servers-02-policy-errors");
    await page.getByRole("link", { name: "← Server" }).click();
    await page.getByTestId("policies-table").getByRole("link", { name: "starter" }).click();
    await page.waitForURL(/\/policies\/c[a-z0-9]+$/);
    expect(JSON.parse(await page.locator("#policy-document").inputValue())).toMatchObject({ version: "1", default: "deny", tools: { echo: {} } });
    await screenshot(page, "servers-03-policy");

    await page.getByLabel("Tool name").fill("echo");
    await page.getByLabel("Arguments (JSON object)").fill('{"message":"hello"}');
    await page.getByTestId("simulate").click();
    await expect.poll(() => page.getByTestId("simulation-code").textContent()).toBe("allowed");

    await page.getByRole("link", { name: "← Server" }).click();
    await page.waitForURL(/\/servers\/c[a-z0-9]+$/);
    await page.getByRole("link", { name: "trigger-long-running-operation" }).click();
    await expect.poll(() => page.getByTestId("risk-badge").textContent()).toContain("Execute");
    await page.getByLabel("Policy", { exact: true }).selectOption({ label: "strict" });
    await page.getByRole("button", { name: "Apply recommended rule" }).click();
    await expect.poll(() => page.getByText("Saved strict v2.").count()).toBe(1);
    await screenshot(page, "servers-04-tool");
    await page.getByRole("link", { name: "← everything" }).click();
    await page.waitForURL(/\/servers\/c[a-z0-9]+$/);
    await page.getByLabel("New grant").fill("support-bot");
    await page.getByLabel("Policy", { exact: true }).selectOption({ label: "starter" });
    await page.getByTestId("mint-grant").click();
    await expect.poll(() => page.getByTestId("token-value").count()).toBe(1);
    token = await page.getByTestId("token-value").inputValue();
    expect(token).toMatch(/^tg_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "servers-05-token");

    await page.reload();
    await expect.poll(() => page.getByTestId("grant-support-bot").count()).toBe(1);
    expect(await page.getByTestId("token-value").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it("shows the agent's calls in the log explorer, with filters, a detail page and a CSV export", async () => {
    const client = new Client({ name: "e2e-agent", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(proxyUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const echoed = await client.callTool({ name: "echo", arguments: { message: "hello" } });
    expect(echoed.isError).toBeFalsy();
    const denied = await client.callTool({ name: "echo", arguments: { message: 42 } });
    expect(denied.isError).toBe(true);
    await client.close();

    const page = await context.newPage();
    await page.goto(`${app.url}/gate-works/calls`);
    await expect.poll(() => page.getByTestId("call-row").count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, "calls-01-explorer");
    await page.getByLabel("Decision").selectOption("denied");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/decision=denied/);
    await expect.poll(() => page.getByTestId("call-row").count()).toBe(1);
    await page.getByTestId("call-row").getByRole("link").click();
    await page.waitForURL(/\/calls\/\d+$/);
    await expect.poll(() => page.getByTestId("call-detail").textContent()).toContain("invalid_arguments");
    await screenshot(page, "calls-02-detail");

    const csv = await page.request.get(`${app.url}/gate-works/calls/export?format=csv&decision=denied`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",denied,invalid_arguments,");
    // Another organisation's member sees the same 404 as for ids that do not exist.
    const callUrl = page.url();
    const serverPath = new URL(proxyUrl).pathname.replace("/mcp/", "/gate-works/servers/");
    const outsider = await browser.newContext();
    const outsiderPage = await outsider.newPage();
    await signUp(outsiderPage, app.url, { email: "mallory@example.test", password: "a long enough passphrase", name: "Mallory", organization: "Other Co" });
    await outsiderPage.waitForURL(/\/other-co$/);
    for (const url of [`${app.url}${serverPath}`, `${app.url}${serverPath}/tools/echo`, callUrl, `${app.url}/gate-works/calls/export?format=csv`]) {
      expect((await outsiderPage.request.get(url)).status(), url).toBe(404);
    }
    const foreignInOwnOrg = callUrl.replace("/gate-works/", "/other-co/");
    expect((await outsiderPage.request.get(foreignInOwnOrg)).status()).toBe(404);
    expect((await outsiderPage.request.get(`${app.url}${serverPath.replace("/gate-works/", "/other-co/")}`)).status()).toBe(404);
    await outsider.close();
  });

  it("lets a viewer read servers, tools, policies and logs but offers no changes", async () => {
    const admin = await context.newPage();
    await admin.goto(`${app.url}/gate-works/members`);
    await admin.getByLabel("Role", { exact: true }).selectOption("viewer");
    await admin.getByRole("button", { name: "Create invitation link" }).click();
    const link = await admin.getByTestId("token-value").inputValue();

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(link);
    await viewer.getByRole("link", { name: "Create an account" }).click();
    await viewer.waitForURL(/\/sign-up\?invitation=/);
    await signUp(viewer, app.url, { email: "vera@example.test", password: "a long enough passphrase", name: "Vera" });
    await viewer.waitForURL(/\/gate-works$/);

    const serverPath = new URL(proxyUrl).pathname.replace("/mcp/", "/gate-works/servers/");
    await viewer.goto(`${app.url}${serverPath}`);
    await expect.poll(() => viewer.getByTestId("tool-echo").count()).toBe(1);
    for (const testId of ["mint-grant-form", "create-policy-form", "revoke-support-bot-trigger", "rotate-support-bot-trigger", "delete-server-trigger"]) {
      expect(await viewer.getByTestId(testId).count(), testId).toBe(0);
    }
    expect(await viewer.getByRole("button", { name: "Refresh tools" }).count()).toBe(0);
    await viewer.getByTestId("policies-table").getByRole("link", { name: "starter" }).click();
    await viewer.waitForURL(/\/policies\/c[a-z0-9]+$/);
    expect(await viewer.locator("#policy-document").getAttribute("readonly")).not.toBeNull();
    expect(await viewer.getByTestId("save-policy").count()).toBe(0);
    await viewer.getByLabel("Arguments (JSON object)").fill('{"message":"hi"}');
    await viewer.getByTestId("simulate").click();
    await expect.poll(() => viewer.getByTestId("simulation-code").textContent()).toBe("allowed");
    await viewer.getByRole("button", { name: "Run dry run" }).click();
    await expect.poll(() => viewer.getByTestId("dry-run").getByRole("row", { name: /echo/ }).count()).toBe(1);
    await screenshot(viewer, "servers-07-viewer-policy");
    expect((await viewer.request.get(`${app.url}/gate-works/servers/new`)).status()).toBe(404);
    await viewer.goto(`${app.url}/gate-works/calls`);
    await expect.poll(() => viewer.getByTestId("call-row").count()).toBeGreaterThanOrEqual(2);
    await viewerContext.close();
  });

  it("rotates a grant (the old token stops working) and revokes it after confirmation", async () => {
    const page = await context.newPage();
    const serverPath = new URL(proxyUrl).pathname.replace("/mcp/", "/gate-works/servers/");
    await page.goto(`${app.url}${serverPath}`);
    await page.getByTestId("rotate-support-bot-trigger").click();
    await page.getByTestId("rotate-support-bot-submit").click();
    await expect.poll(() => page.getByTestId("token-value").count()).toBe(1);
    const rotated = await page.getByTestId("token-value").inputValue();
    expect(rotated).not.toBe(token);
    const statusOf = async (bearer: string) =>
      (
        await fetch(proxyUrl, {
          method: "POST",
          headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
        })
      ).status;
    expect(await statusOf(token)).toBe(401);

    await page.reload();
    await page.getByTestId("revoke-support-bot-trigger").click();
    await page.getByTestId("revoke-support-bot-submit").click();
    await expect.poll(() => page.getByTestId("grant-support-bot").textContent()).toContain("Revoked");
    expect(await statusOf(rotated)).toBe(401);
    await screenshot(page, "servers-06-revoked");
  });
});
