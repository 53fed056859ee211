/**
 * The DevTools protocol over the browser's own pipe (`--remote-debugging-pipe`): messages are JSON strings ended by a
 * NUL byte, written to the browser's fd 3 and read from its fd 4. Used instead of a WebSocket so the browser has no
 * listening port and exits by itself when node dies (the pipe closes). The same framing as puppeteer's internal
 * PipeTransport, which is not part of its public API; `puppeteer.connect({ transport })` is.
 */
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/** A `ConnectionTransport` over a pair of pipes. */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #closed = false;
  #pending: Buffer[] = [];

  constructor(
    private readonly write: Writable,
    private readonly read: Readable,
  ) {
    read.on('data', this.#onData);
    read.on('close', this.#onClose);
    // A broken pipe is reported by 'close'; the error itself says nothing more.
    read.on('error', () => undefined);
    write.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.#closed) return;
    this.write.write(message);
    this.write.write('\0');
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.read.off('data', this.#onData);
    this.read.off('close', this.#onClose);
  }

  #onData = (chunk: Buffer): void => {
    if (this.#closed) return;
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.#pending.push(chunk);
      return;
    }
    let start = 0;
    let head: Buffer = Buffer.concat([...this.#pending, chunk.subarray(0, end)]);
    this.#pending = [];
    for (;;) {
      const message = head.toString('utf8');
      // Dispatch on a later tick, as puppeteer's own transport does, so a handler never re-enters the reader.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
      if (end === -1) break;
      head = chunk.subarray(start, end);
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start));
  };

  #onClose = (): void => {
    this.onclose?.();
  };
}
