/**
 * Which headers cross the proxy. Requests use an allow list: only what MCP Streamable HTTP needs
 * goes upstream, so the client's Authorization (the grant token), cookies, hop-by-hop headers and
 * anything else a client adds never reach the upstream; the server's own credentials are injected
 * last and win. Responses use a deny list: hop-by-hop headers, cookies, and length/encoding (the
 * body may be rewritten, and it is already decoded) are dropped.
 */

const FORWARDED_REQUEST_HEADERS = ["accept", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id", "mcp-method", "mcp-name"];
/** 2026-07-28 lets tools mirror arguments into `Mcp-Param-*` headers (SEP-2243). */
const FORWARDED_REQUEST_PREFIX = "mcp-param-";

const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "set-cookie",
  "content-length",
  "content-encoding",
  "www-authenticate",
  "date",
]);

export function buildUpstreamHeaders(request: Request, credentials: Record<string, string> | null): Record<string, string> {
  const headers: Record<string, string> = { "accept-encoding": "identity" };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  request.headers.forEach((value, name) => {
    if (name.startsWith(FORWARDED_REQUEST_PREFIX)) headers[name] = value;
  });
  if (credentials) for (const [name, value] of Object.entries(credentials)) headers[name.toLowerCase()] = value;
  return headers;
}

export function filterResponseHeaders(headers: Record<string, string | string[] | undefined>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_RESPONSE_HEADERS.has(name)) continue;
    result.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return result;
}
