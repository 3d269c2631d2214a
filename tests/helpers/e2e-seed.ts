/**
 * Gives an organisation something of every kind through the dashboard itself (an invitation, a
 * server discovered from a live upstream, a policy, a grant and an API key), so the isolation and
 * role suites find real resource pages, ids and forms. Grows as pages are added.
 */
import type { Page } from "playwright-core";

export async function seedOrganisationThroughUi(page: Page, baseUrl: string, slug: string, upstreamUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/${slug}/members`);
  await page.getByLabel("Email").fill(`invitee@${slug}.test`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await page.getByTestId("token-value").waitFor();

  await page.goto(`${baseUrl}/${slug}/servers/new`);
  await page.getByLabel("Name", { exact: true }).fill("everything");
  await page.getByLabel("MCP endpoint URL").fill(upstreamUrl);
  await page.getByTestId("save-server").click();
  await page.waitForURL(/\/servers\/c[a-z0-9]+$/);
  const serverUrl = page.url();
  await page.getByLabel("New policy").fill("starter");
  await page.getByTestId("create-policy").click();
  await page.waitForURL(/\/policies\/c[a-z0-9]+$/);
  await page.goto(serverUrl);
  await page.getByLabel("New grant").fill("agent");
  await page.getByTestId("mint-grant").click();
  await page.getByTestId("token-value").waitFor();

  await page.goto(`${baseUrl}/${slug}/settings/api-keys`);
  await page.getByLabel("Name", { exact: true }).fill("ci");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByTestId("token-value").waitFor();
}
