/**
 * A minimal Server-Sent Events client over real HTTP (fetch + a stream reader), as a browser's
 * EventSource would read a stream: `event:`, `data:`, `id:` and `retry:` fields, comments, and
 * events separated by a blank line.
 */

export interface SSEEvent {
  event: string;
  data: string;
  id?: string;
}

export interface SSEStream {
  status: number;
  headers: Headers;
  /** the raw body when the answer is not a stream (e.g. a 404 in JSON) */
  text?: string;
  /** the next event, or null once the server closed the stream */
  next(timeoutMs?: number): Promise<SSEEvent | null>;
  /** comments (lines starting with ':') and retry fields seen so far */
  comments: string[];
  retry: number | null;
  close(): void;
}

export async function openSSE(url: string): Promise<SSEStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream') || !res.body) {
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, next: async () => null, comments: [], retry: null, close: () => {} };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  // a read that outlived a timed-out next() is kept for the next call, so no chunk is lost
  let pending: ReturnType<typeof reader.read> | null = null;
  const stream: SSEStream = {
    status: res.status,
    headers: res.headers,
    comments: [],
    retry: null,
    async next(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const separator = buffer.search(/\r?\n\r?\n/);
        if (separator >= 0) {
          const block = buffer.slice(0, separator);
          buffer = buffer.slice(separator).replace(/^\r?\n\r?\n/, '');
          const event = parseBlock(block, stream);
          if (event) return event;
          continue;
        }
        if (ended) return null;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no SSE event within ${timeoutMs} ms; buffered: ${JSON.stringify(buffer)}`);
        let timer: NodeJS.Timeout | undefined;
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), remaining))),
        ]).finally(() => clearTimeout(timer));
        if (chunk === 'timeout') continue;
        pending = null;
        if (chunk.done) ended = true;
        else buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close() {
      controller.abort();
      reader.cancel().catch(() => {});
    },
  };
  return stream;
}

function parseBlock(block: string, stream: SSEStream): SSEEvent | null {
  let event = 'message';
  const data: string[] = [];
  let id: string | undefined;
  let hasData = false;
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) {
      stream.comments.push(line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      hasData = true;
    } else if (field === 'id') id = value;
    else if (field === 'retry') stream.retry = Number(value);
  }
  return hasData ? { event, data: data.join('\n'), id } : null;
}
