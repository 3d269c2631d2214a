/**
 * Incremental Server-Sent Events framing. The splitter cuts a text stream into whole event blocks
 * as they complete, keeping only the unfinished tail, so a long-lived stream is never held in
 * memory. Blocks are re-emitted byte for byte unless the relay rewrites one.
 */

export type SseEvent = { raw: string; data: string | null };

export class SseSplitter {
  private buffer = "";

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const end = findBlockEnd(this.buffer);
      if (end === null) break;
      const raw = this.buffer.slice(0, end.index + end.length);
      this.buffer = this.buffer.slice(end.index + end.length);
      events.push({ raw, data: extractData(raw.slice(0, end.index)) });
    }
    return events;
  }

  /** What is left when the stream ends (an unterminated event is passed on as is). */
  rest(): string {
    const rest = this.buffer;
    this.buffer = "";
    return rest;
  }
}

function findBlockEnd(buffer: string): { index: number; length: number } | null {
  const candidates: Array<{ index: number; length: number }> = [];
  for (const separator of ["\n\n", "\r\n\r\n", "\r\r"]) {
    const index = buffer.indexOf(separator);
    if (index !== -1) candidates.push({ index, length: separator.length });
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((best, candidate) => (candidate.index < best.index ? candidate : best));
}

function extractData(block: string): string | null {
  let data: string | null = null;
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (!line.startsWith("data")) continue;
    if (line.length > 4 && line[4] !== ":") continue;
    const value = line.slice(5).replace(/^ /, "");
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

/** One message as an SSE event, as the upstream would send it. */
export function formatSseMessage(message: unknown): string {
  return `event: message\ndata: ${JSON.stringify(message)}\n\n`;
}
