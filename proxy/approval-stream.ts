/**
 * Holding a call for approval on an event stream (SPEC §4): a client that sent a progress token
 * and accepts text/event-stream gets the stream at once, a `notifications/progress` when the hold
 * starts and every `intervalMs` after, and then the final answer: the upstream's events relayed
 * byte for byte, or Toolgate's own message. Progress keeps clients that reset their timeout on
 * progress from giving up. If the client goes away (request aborted or body cancelled) the hold
 * ends and, after an approval, the forwarded request is cancelled too.
 */
import type { JsonRpcId } from "./jsonrpc";
import { formatSseMessage } from "./sse";

export type HoldRun = (hold: { signal: AbortSignal; onHold: (hold: { approvalId: string }) => void }) => Promise<Response>;

export function acceptsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/event-stream");
}

export function holdWithProgress({
  request,
  requestId,
  progressToken,
  intervalMs,
  run,
}: {
  request: Request;
  requestId: JsonRpcId;
  progressToken: string | number;
  intervalMs: number;
  run: HoldRun;
}): Response {
  const encoder = new TextEncoder();
  const cancelled = new AbortController();
  const signal = AbortSignal.any([request.signal, cancelled.signal]);
  let timer: NodeJS.Timeout | undefined;
  let inner: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let isClosed = false;
  let approvalId: string | null = null;
  let progress = 0;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (isClosed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          isClosed = true;
        }
      };
      const sendProgress = () => {
        progress += 1;
        const message = approvalId ? `Waiting for approval ${approvalId}` : "Waiting for approval";
        send(formatSseMessage({ jsonrpc: "2.0", method: "notifications/progress", params: { progressToken, progress, message } }));
      };
      const finish = () => {
        if (timer) clearInterval(timer);
        if (isClosed) return;
        isClosed = true;
        try {
          controller.close();
        } catch {
          // Already cancelled by the client.
        }
      };
      timer = setInterval(sendProgress, intervalMs);
      timer.unref();
      const onHold = (hold: { approvalId: string }) => {
        const isFirst = approvalId === null;
        approvalId = hold.approvalId;
        if (isFirst) sendProgress();
      };
      run({ signal, onHold })
        .then(async (response) => {
          if (timer) clearInterval(timer);
          if (isClosed || signal.aborted) {
            await response.body?.cancel().catch(() => {});
            return finish();
          }
          const type = response.headers.get("content-type") ?? "";
          if (type.includes("text/event-stream") && response.body) {
            inner = response.body.getReader();
            for (;;) {
              const { done, value } = await inner.read();
              if (done) break;
              if (isClosed) break;
              controller.enqueue(value);
            }
          } else {
            const text = await response.text();
            if (text)
              send(
                `event: message\n${text
                  .split(/\r?\n/)
                  .map((line) => `data: ${line}`)
                  .join("\n")}\n\n`,
              );
          }
          finish();
        })
        .catch(() => {
          send(formatSseMessage(internalError(requestId)));
          finish();
        });
    },
    cancel() {
      isClosed = true;
      if (timer) clearInterval(timer);
      cancelled.abort();
      void inner?.cancel().catch(() => {});
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}

function internalError(id: JsonRpcId) {
  return { jsonrpc: "2.0", id, error: { code: -32603, message: "Toolgate could not complete this held call. Retry the same call later." } };
}
