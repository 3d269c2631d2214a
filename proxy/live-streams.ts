/**
 * Open GET streams of this instance, by grant. When the grant or its policy changes, each stream
 * gets `notifications/tools/list_changed` (SPEC §3), so clients refetch tools/list and see the new
 * hidden set without reconnecting. Events are injected only between whole upstream events, never
 * inside one, so the stream stays valid SSE. Each upstream event is shown to an inspector first
 * (the detached-call watcher), which may hold it while a call settles, or replace it.
 */
import type { ChangeNotice } from "@/lib/db/notify";
import type { ProxyGrant } from "@/lib/db/proxy-store";
import type { EventInspector } from "./detached-calls";
import { formatSseMessage, SseSplitter } from "./sse";

type LiveStream = { grant: ProxyGrant; notify: () => void };

const LIST_CHANGED = formatSseMessage({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
const encoder = new TextEncoder();

export function createLiveStreams() {
  const streams = new Set<LiveStream>();

  return {
    /** Wraps an upstream GET body; the returned stream forwards it and accepts injected events. */
    track(grant: ProxyGrant, body: ReadableStream<Uint8Array>, inspect: EventInspector): ReadableStream<Uint8Array> {
      const decoder = new TextDecoder();
      const splitter = new SseSplitter();
      let controllerRef: TransformStreamDefaultController<Uint8Array> | null = null;
      const entry: LiveStream = { grant, notify: () => controllerRef?.enqueue(encoder.encode(LIST_CHANGED)) };
      const transform = new TransformStream<Uint8Array, Uint8Array>({
        start(controller) {
          controllerRef = controller;
          streams.add(entry);
        },
        async transform(chunk, controller) {
          for (const event of splitter.push(decoder.decode(chunk, { stream: true }))) {
            const inspected = inspect(event);
            controller.enqueue(encoder.encode(inspected === null ? event.raw : ((await inspected) ?? event.raw)));
          }
        },
        flush(controller) {
          streams.delete(entry);
          const rest = splitter.rest();
          if (rest) controller.enqueue(encoder.encode(rest));
        },
      });
      const output = body.pipeThrough(transform);
      const reader = output.getReader();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) {
            streams.delete(entry);
            controller.close();
          } else controller.enqueue(value);
        },
        async cancel(reason) {
          streams.delete(entry);
          controllerRef = null;
          await reader.cancel(reason);
        },
      });
    },
    onChange(notice: ChangeNotice): void {
      for (const stream of streams) {
        const isAffected = notice.kind === "grant" ? stream.grant.id === notice.id : notice.kind === "policy" && stream.grant.policyId === notice.id;
        if (!isAffected) continue;
        try {
          stream.notify();
        } catch {
          streams.delete(stream);
        }
      }
    },
    get size(): number {
      return streams.size;
    },
  };
}

export type LiveStreams = ReturnType<typeof createLiveStreams>;
