/**
 * Streams an upstream answer to the client while watching for the JSON-RPC response to the
 * forwarded request. Everything else (progress, log notifications, server-to-client requests) passes
 * through at once. The response itself is held until `durable` resolves, i.e. until the call's row
 * is committed (SPEC §5): a client never holds an answer the log does not have. If the row cannot
 * be written, the answer is replaced by an error (SSE) or the stream is failed (JSON). If the
 * upstream ends without answering, the relay answers with `onMissing()`'s message, except when
 * the stream was resumable (its events carried ids) and ended cleanly: MCP 2025-11-25 lets a server
 * close such a stream early and deliver the answer on the client's resumed GET stream, so the
 * stream is closed as it is and `onDetached()` hands the call to the GET relay
 * (proxy/detached-calls.ts), which settles it when the answer passes there. That happens only once
 * the row is durable, before the client sees the stream end and can resume, so the answer on the
 * GET stream never needs holding; a row that cannot be written ends the stream with the
 * withheld-answer error instead, and a conforming client that got an answer does not resume.
 * A client that goes away before the answer cancels the relay, and `flush` never runs: `cancel`
 * settles the call instead (failed, so the reservation is given back; or detached, when the stream
 * was resumable and the client may resume it), so no row is left looking like a success.
 */
import type { JsonRpcId, JsonRpcResponse } from "./jsonrpc";
import { formatSseMessage, SseSplitter } from "./sse";
import type { UpstreamBodyState } from "./upstream";

export type RelayOptions = {
  requestId: JsonRpcId | null;
  durable: Promise<unknown>;
  state: UpstreamBodyState;
  /** Returns a replacement for the response (tools/list filtering), or undefined to keep the bytes. */
  rewrite?: (response: JsonRpcResponse) => JsonRpcResponse | undefined;
  /** May return work (a quota rollback) that must finish before the client sees the answer. */
  onResponse: (response: JsonRpcResponse | null, failure: string | null) => Promise<void> | undefined;
  /** The client went away before the answer: a failed call (quota given back), named as such. */
  onClientClosed: () => Promise<void> | undefined;
  /** The upstream closed a resumable stream before answering, and the row is durable: the answer may come on a GET stream. */
  onDetached: () => void;
  onMissing: (reason: string) => JsonRpcResponse;
  onDurableFailure: () => JsonRpcResponse;
};

/**
 * The relays are transformers, not TransformStreams: proxy/upstream.ts runs them inside the one web
 * stream it makes of the upstream body, which saves a stream pair and a pipe per call (on Node 20
 * each web stream costs tens of microseconds to build). `cancel` (Streams spec 2023, run when the
 * reader goes away) is not in TypeScript's lib yet.
 */
export type RelayTransformer = Transformer<Uint8Array, Uint8Array> & { cancel: () => Promise<void> };

const encoder = new TextEncoder();
const EVENT_ID = /(^|\n)id:/;

export function createSseRelay(options: RelayOptions): RelayTransformer {
  const decoder = new TextDecoder();
  const splitter = new SseSplitter();
  let answered = options.requestId === null;
  let isResumable = false;
  const transformer: RelayTransformer = {
    async transform(chunk, controller) {
      for (const event of splitter.push(decoder.decode(chunk, { stream: true }))) {
        if (!isResumable && EVENT_ID.test(event.raw)) isResumable = true;
        const response = answered || event.data === null ? null : matchResponse(event.data, options.requestId);
        if (!response) {
          controller.enqueue(encoder.encode(event.raw));
          continue;
        }
        answered = true;
        const settling = options.onResponse(response, null);
        const replacement = options.rewrite?.(response);
        const text = replacement ? formatSseMessage(replacement) : event.raw;
        controller.enqueue(encoder.encode(await releaseWhenDurable(options, text, formatSseMessage, settling)));
      }
    },
    async flush(controller) {
      const rest = splitter.rest() + decoder.decode();
      if (rest) controller.enqueue(encoder.encode(rest));
      if (answered) return;
      if (isResumable && !options.state.error && (await options.durable.then(isTrue, isFalse))) return options.onDetached();
      const reason = options.state.error?.message ?? "The upstream closed the stream without answering.";
      const settling = options.onResponse(null, reason);
      controller.enqueue(encoder.encode(await releaseWhenDurable(options, formatSseMessage(options.onMissing(reason)), formatSseMessage, settling)));
    },
    async cancel() {
      if (answered) return;
      if (isResumable && (await options.durable.then(isTrue, isFalse))) return options.onDetached();
      await options.onClientClosed();
    },
  };
  return transformer;
}

export function createJsonRelay(options: RelayOptions): RelayTransformer {
  const chunks: Uint8Array[] = [];
  let held: Uint8Array | null = null;
  let isFlushing = false;
  const holdAll = options.rewrite !== undefined;
  const transformer: RelayTransformer = {
    transform(chunk, controller) {
      chunks.push(chunk);
      if (holdAll) return;
      if (held) controller.enqueue(held);
      held = chunk;
    },
    async flush(controller) {
      isFlushing = true;
      const text = Buffer.concat(chunks).toString("utf8");
      let response: JsonRpcResponse | null = null;
      try {
        response = text ? (JSON.parse(text) as JsonRpcResponse) : null;
      } catch {}
      if (options.state.error || (options.requestId !== null && !response)) {
        const reason = options.state.error?.message ?? "The upstream answered with an unreadable body.";
        const settling = options.onResponse(null, reason);
        if (!holdAll && held !== null && chunks.length > 1) return controller.error(new Error(reason));
        const body = await releaseWhenDurable(options, JSON.stringify(options.onMissing(reason)), JSON.stringify, settling);
        return controller.enqueue(encoder.encode(body));
      }
      const settling = options.onResponse(response, null);
      const replacement = response ? options.rewrite?.(response) : undefined;
      try {
        await Promise.all([options.durable, settling]);
      } catch {
        if (!holdAll && chunks.length > 1) return controller.error(new Error("The call could not be logged."));
        return controller.enqueue(encoder.encode(JSON.stringify(options.onDurableFailure())));
      }
      if (replacement) controller.enqueue(encoder.encode(JSON.stringify(replacement)));
      else if (holdAll) for (const chunk of chunks) controller.enqueue(chunk);
      else if (held) controller.enqueue(held);
    },
    async cancel() {
      if (!isFlushing) await options.onClientClosed();
    },
  };
  return transformer;
}

async function releaseWhenDurable(options: RelayOptions, text: string, format: (message: unknown) => string, settling?: Promise<void>): Promise<string> {
  await settling;
  try {
    await options.durable;
    return text;
  } catch {
    return format(options.onDurableFailure());
  }
}

function matchResponse(data: string, requestId: JsonRpcId | null): JsonRpcResponse | null {
  const response = readResponse(data);
  return response !== null && response.id === requestId ? response : null;
}

/** The JSON-RPC response an event's data carries, if any (not a request or a notification). */
export function readResponse(data: string): JsonRpcResponse | null {
  // Cheap pre-check: most events of a long stream are notifications and need no parse.
  if (!data.includes('"id"')) return null;
  try {
    const message = JSON.parse(data) as JsonRpcResponse & { method?: unknown };
    if (typeof message !== "object" || message === null || message.method !== undefined) return null;
    return "result" in message || "error" in message ? message : null;
  } catch {
    return null;
  }
}

const isTrue = () => true;
const isFalse = () => false;
