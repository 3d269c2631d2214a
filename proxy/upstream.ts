/**
 * Forwards one HTTP exchange to the upstream MCP server and exposes its body as a web stream that
 * is never buffered: chunks flow as they arrive, with backpressure. node:http is used rather than
 * fetch so the SSRF guard can run inside the socket's DNS lookup, and so keep-alive sockets are
 * reused across calls. Aborting `signal` (the client went away) destroys the upstream request.
 * A broken upstream body does not error the stream: it ends it and records `state.error`, so the
 * relay can still tell the client what happened and the reservation can be rolled back.
 */
import http from "node:http";
import https from "node:https";
import { filterResponseHeaders } from "./headers";
import { checkLiteralHost, createGuardedLookup } from "./ssrf-guard";

export type UpstreamRequest = {
  url: string;
  method: "GET" | "POST" | "DELETE";
  headers: Record<string, string>;
  body?: Uint8Array;
  signal: AbortSignal;
  /**
   * The client's Request. Undici's Request follows its caller's abort signal only while the Request
   * object itself is alive (a WeakRef inside), so the in-flight upstream request keeps it reachable;
   * otherwise a garbage collection could silently stop client aborts from reaching the upstream.
   */
  signalOwner?: object;
  timeoutMs: number;
};

export type UpstreamBodyState = { error: Error | null; ended: boolean };
/**
 * Read the body once, as `body` (bytes as they are) or through `bodyThrough` (bytes run through a
 * transformer, such as the relays, inside the same stream).
 */
export type UpstreamResponse = {
  status: number;
  headers: Headers;
  readonly body: ReadableStream<Uint8Array>;
  bodyThrough: (transformer: BodyTransformer) => ReadableStream<Uint8Array>;
  state: UpstreamBodyState;
};

/** A web-streams Transformer plus the reader-went-away hook of the 2023 Streams spec. */
export type BodyTransformer = Transformer<Uint8Array, Uint8Array> & { cancel?: () => Promise<void> };

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly reason: "unreachable" | "timeout" | "blocked" | "aborted",
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

const IDLE_SOCKET_MS = 4_000;

export function createUpstreamClient({ allowPrivate }: { allowPrivate: boolean }) {
  const lookup = createGuardedLookup(allowPrivate);
  // Idle sockets are dropped after IDLE_SOCKET_MS, before common upstream keep-alive timeouts (Node
  // servers: 5 s) close them. A request sent on a socket the upstream is closing fails with
  // ECONNRESET, and it is never retried: the proxy cannot tell whether the upstream read it, and a
  // tool call must not run twice.
  const agentOptions = { keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS, lookup };
  const httpAgent = new http.Agent(agentOptions as http.AgentOptions);
  const httpsAgent = new https.Agent(agentOptions as https.AgentOptions);

  function send(request: UpstreamRequest): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return reject(new UpstreamError("The server's upstream URL is invalid.", "unreachable"));
      }
      const blocked = checkLiteralHost(url.hostname, allowPrivate);
      if (blocked) return reject(new UpstreamError(blocked.message, "blocked"));
      if (request.signal.aborted) return reject(new UpstreamError("The client closed the request.", "aborted"));
      const isHttps = url.protocol === "https:";
      const headers = { ...request.headers };
      if (request.body) headers["content-length"] = String(request.body.byteLength);
      const outgoing = (isHttps ? https : http).request(url, { method: request.method, headers, agent: isHttps ? httpsAgent : httpAgent, lookup });
      (outgoing as unknown as { signalOwner?: object }).signalOwner = request.signalOwner;
      const onAbort = () => outgoing.destroy(new UpstreamError("The client closed the request.", "aborted"));
      request.signal.addEventListener("abort", onAbort, { once: true });
      outgoing.setTimeout(request.timeoutMs, () =>
        outgoing.destroy(new UpstreamError(`The upstream did not answer within ${request.timeoutMs} ms.`, "timeout")),
      );
      outgoing.on("error", (error: Error & { code?: string }) => {
        request.signal.removeEventListener("abort", onAbort);
        if (error instanceof UpstreamError) return reject(error);
        if (error.name === "BlockedUpstreamError") return reject(new UpstreamError(error.message, "blocked"));
        reject(new UpstreamError(`The upstream server could not be reached (${error.code ?? error.message}).`, "unreachable"));
      });
      outgoing.on("response", (incoming) => {
        const state: UpstreamBodyState = { error: null, ended: false };
        const onDone = () => request.signal.removeEventListener("abort", onAbort);
        const abortUpstream = () => outgoing.destroy();
        let body: ReadableStream<Uint8Array> | null = null;
        resolve({
          status: incoming.statusCode ?? 502,
          headers: filterResponseHeaders(incoming.headers),
          get body() {
            body ??= toWebStream(incoming, state, onDone, abortUpstream);
            return body;
          },
          bodyThrough: (transformer) => toWebStream(incoming, state, onDone, abortUpstream, transformer),
          state,
        });
      });
      outgoing.end(request.body ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength) : undefined);
    });
  }

  return {
    send,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;

/**
 * The upstream body as one web stream, optionally run through a transformer. Chunks are handed to
 * the transformer one at a time (the body pauses while an asynchronous step runs, so order and
 * backpressure hold); `flush` runs once the body ended or broke (`state` tells which), and the
 * transformer's `cancel` when the reader went away.
 */
function toWebStream(
  incoming: http.IncomingMessage,
  state: UpstreamBodyState,
  onDone: () => void,
  abortUpstream: () => void,
  transformer?: BodyTransformer,
): ReadableStream<Uint8Array> {
  let isClosed = false;
  let steps: Promise<void> = Promise.resolve();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const output: TransformStreamDefaultController<Uint8Array> = {
        enqueue: (chunk) => {
          if (!isClosed) controller.enqueue(chunk);
        },
        error: (reason) => {
          if (isClosed) return;
          isClosed = true;
          controller.error(reason);
        },
        terminate: () => {
          if (isClosed) return;
          isClosed = true;
          controller.close();
        },
        get desiredSize() {
          return controller.desiredSize;
        },
      };
      // Steps run in order; a step that throws errors the stream and tears the upstream down.
      const step = (work: () => unknown) => {
        steps = steps.then(work).then(undefined, (error: unknown) => {
          output.error(error);
          abortUpstream();
        });
        return steps;
      };
      const finish = () =>
        step(async () => {
          if (isClosed) return;
          await transformer?.flush?.(output);
          output.terminate();
        });
      incoming.on("data", (chunk: Buffer) => {
        const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (!transformer) {
          output.enqueue(bytes);
          if ((controller.desiredSize ?? 1) <= 0) incoming.pause();
          return;
        }
        incoming.pause();
        void step(async () => {
          if (isClosed) return;
          await transformer.transform?.(bytes, output);
          if ((controller.desiredSize ?? 1) > 0) incoming.resume();
        });
      });
      incoming.on("end", () => {
        state.ended = true;
        onDone();
        void finish();
      });
      const fail = (error?: Error) => {
        if (state.ended) return;
        state.ended = true;
        state.error = error ?? new Error("The upstream connection closed before the response was complete.");
        onDone();
        void finish();
      };
      incoming.on("error", fail);
      incoming.on("aborted", () => fail());
      incoming.on("close", () => {
        if (!incoming.complete) fail();
      });
    },
    pull() {
      incoming.resume();
    },
    async cancel() {
      // The client stopped reading: tear the upstream request down (destroying only the response
      // would leave a keep-alive socket, and the upstream's work, running).
      const isUnfinished = !state.ended;
      isClosed = true;
      state.ended = true;
      onDone();
      if (isUnfinished) abortUpstream();
      await transformer?.cancel?.();
    },
  });
}
