/**
 * Reads a GraphQL-over-SSE response (Yoga's distinct-connections mode) event by event:
 *   const stream = sseEvents(response);
 *   const first = await stream.next();   // { event: 'next', data: { data: … } }
 */
export interface SseEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface SseStream {
  /** Resolves once the stream has begun (its first bytes, a ping, came). */
  started(): Promise<void>;
  /** The next event (`next` or `complete`), or null once the stream has ended. */
  next(timeoutMs?: number): Promise<SseEvent | null>;
  close(): Promise<void>;
}

export function sseEvents(response: Response): SseStream {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pending: SseEvent[] = [];
  let ended = false;

  const parse = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trim());
      }
      if (data.length || event !== 'message') pending.push({ event, data: data.length ? JSON.parse(data.join('\n') || 'null') : null });
    }
  };

  const readChunk = async () => {
    const read = await reader.read();
    if (read.done) ended = true;
    else {
      buffer += decoder.decode(read.value, { stream: true });
      parse();
    }
  };

  return {
    started: readChunk,
    async next(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pending.length && !ended) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no SSE event in time');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          readChunk(),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no SSE event in time')), left))),
        ]).finally(() => clearTimeout(timer));
      }
      return pending.shift() ?? null;
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}
