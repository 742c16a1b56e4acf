import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Reads Server-Sent Events from a response body as a browser's EventSource would (the
 * `eventsource-parser` package), for tests and the live bench: `next()` waits for the next event.
 */
export class SseReader {
  readonly events: EventSourceMessage[] = [];
  private waiting: (() => void)[] = [];
  done = false;

  /** `onEvent` sees each event as it is parsed (the bench times arrivals with it). */
  constructor(response: Response, onEvent?: (event: EventSourceMessage) => void) {
    const parser = createParser({
      onEvent: (event) => {
        this.events.push(event);
        onEvent?.(event);
        this.wake();
      },
    });
    const decoder = new TextDecoder();
    void (async () => {
      const reader = response.body!.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // aborted by the test
      }
      this.done = true;
      this.wake();
    })();
  }

  private wake() {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** Waits until an event matches (or the stream ends, or the time is up), and returns it. */
  async until(match: (e: EventSourceMessage) => boolean, timeoutMs = 5000): Promise<EventSourceMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.done) throw new Error(`stream ended without the expected event; got ${this.events.map((e) => e.event).join(', ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no expected event within ${timeoutMs} ms; got ${this.events.map((e) => e.event).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the stream to end. */
  async ended(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      if (Date.now() > deadline) throw new Error('stream still open');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
