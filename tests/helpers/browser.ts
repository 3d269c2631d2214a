/**
 * Debian's Chromium driven by playwright-core (a browser download cannot work offline). Without
 * Chromium the browser suites skip with one line, except under CI=true, where they must fail.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.resolve("test-output/screenshots");

export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  if (process.env.CI === "true") throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install Debian's chromium package.`);
  return `Browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium).`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-dev-shm-usage",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Fills the sign-up form; stays on the current page when it already is one (an invitation's sign-up). */
export async function signUp(
  page: Page,
  baseUrl: string,
  { email, password, name, organization }: { email: string; password: string; name: string; organization?: string },
): Promise<void> {
  if (!new URL(page.url(), baseUrl).pathname.startsWith("/sign-up")) await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  if (organization) await page.getByLabel("Organisation name").fill(organization);
  await page.getByRole("button", { name: "Create account" }).click();
}
