/**
 * The command line's client of /api/v1, configured by TOOLGATE_URL and TOOLGATE_API_KEY. API
 * errors become CliErrors carrying the API's message, field errors and an exit code per status.
 */
import { getEnv } from "@/lib/env";
import { CliError, EXIT } from "./output";

export type ApiClient = {
  request: <T>(method: string, path: string, options?: { query?: Record<string, string | undefined>; body?: unknown; idempotencyKey?: string }) => Promise<T>;
};

function exitCodeFor(status: number): number {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 400 || status === 413 || status === 422) return EXIT.invalid;
  return EXIT.failure;
}

export function createApiClient(config: { url?: string; apiKey?: string } = {}): ApiClient {
  const env = getEnv();
  const baseUrl = config.url ?? env.TOOLGATE_URL;
  const apiKey = config.apiKey ?? env.TOOLGATE_API_KEY;
  if (!baseUrl) throw new CliError("Set TOOLGATE_URL to the address of your Toolgate, e.g. https://toolgate.example.com.", EXIT.usage);
  if (!apiKey) throw new CliError("Set TOOLGATE_API_KEY to an organisation API key (Settings → API keys, or `toolgate admin create-org`).", EXIT.usage);
  return {
    async request(method, path, options = {}) {
      const url = new URL(`${baseUrl.replace(/\/+$/, "")}/api/v1${path}`);
      for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== "") url.searchParams.set(name, value);
      const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
      if (options.body !== undefined) headers["content-type"] = "application/json";
      if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
      let response: Response;
      try {
        response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      } catch (error) {
        throw new CliError(`Could not reach ${url.origin}: ${(error as Error).message}`, EXIT.failure);
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        throw new CliError(`${method} ${url.pathname} answered ${response.status} with a body that is not JSON.`, EXIT.failure);
      }
      if (!response.ok) {
        const error = (json as { error?: { code?: string; message?: string; details?: { fieldErrors?: Record<string, string[]> } } } | null)?.error;
        const fields = Object.entries(error?.details?.fieldErrors ?? {}).map(([field, messages]) => `  ${field}: ${messages.join(" ")}`);
        const message = [`${error?.message ?? `HTTP ${response.status}`} (${error?.code ?? response.status})`, ...fields].join("\n");
        throw new CliError(message, exitCodeFor(response.status), json);
      }
      return json as never;
    },
  };
}
