/** The NUL-framed DevTools pipe transport, over in-memory streams. */
import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PipeTransport } from '../../../src/pdf/pipe-transport.js';

describe('PipeTransport', () => {
  it('writes each message followed by a NUL byte', () => {
    const toBrowser = new PassThrough();
    const t = new PipeTransport(toBrowser, new PassThrough());
    const chunks: Buffer[] = [];
    toBrowser.on('data', (c: Buffer) => chunks.push(c));
    t.send('{"id":1}');
    t.send('{"id":2}');
    return tick().then(() => expect(Buffer.concat(chunks).toString()).toBe('{"id":1}\0{"id":2}\0'));
  });

  it('splits messages across and within chunks, in order, including multi-byte text cut mid-character', async () => {
    const fromBrowser = new PassThrough();
    const t = new PipeTransport(new PassThrough(), fromBrowser);
    const got: string[] = [];
    t.onmessage = (m) => got.push(m);
    const all = Buffer.from('{"a":1}\0{"b":"£ and é"}\0{"c":3}\0{"d":');
    // Cut inside the "£" (2 bytes in UTF-8) and at odd places.
    const cut = all.indexOf(Buffer.from('£')) + 1;
    fromBrowser.write(all.subarray(0, 3));
    fromBrowser.write(all.subarray(3, cut));
    fromBrowser.write(all.subarray(cut));
    fromBrowser.write(Buffer.from('4}\0'));
    await tick();
    await tick();
    expect(got).toEqual(['{"a":1}', '{"b":"£ and é"}', '{"c":3}', '{"d":4}']);
  });

  it('reports the browser closing its end', async () => {
    const fromBrowser = new PassThrough();
    const t = new PipeTransport(new PassThrough(), fromBrowser);
    let closed = false;
    t.onclose = () => {
      closed = true;
    };
    fromBrowser.destroy();
    await tick();
    expect(closed).toBe(true);
  });

  it('sends nothing after close', () => {
    const toBrowser = new PassThrough();
    const t = new PipeTransport(toBrowser, new PassThrough());
    t.close();
    t.send('x');
    expect(toBrowser.read()).toBeNull();
  });
});
