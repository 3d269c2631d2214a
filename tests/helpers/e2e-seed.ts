/**
 * Gives an organisation something of every kind through the dashboard itself, so the isolation
 * crawl finds real resource pages, ids and forms. Grows as pages are added.
 */
import type { Page } from "playwright-core";

export async function seedOrganisationThroughUi(page: Page, baseUrl: string, slug: string): Promise<void> {
  await page.goto(`${baseUrl}/${slug}/members`);
  await page.getByLabel("Email").fill(`invitee@${slug}.test`);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await page.getByTestId("token-value").waitFor();
}
