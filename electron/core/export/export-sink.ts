// Where an export's bytes go: a file, written in chunks of about 256 KB so memory stays flat,
// and a streaming zip (fflate) on top of it for .qdpx and .docx. fflate hands over compressed
// chunks synchronously; they queue here and go to disk at the next `drain`, which every
// exporter awaits after each page.
import fs from 'node:fs';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

const CHUNK = 256 * 1024;
const encoder = new TextEncoder();

export class ExportSink {
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  bytes = 0;

  private readonly handle: fs.promises.FileHandle;

  private constructor(handle: fs.promises.FileHandle) {
    this.handle = handle;
  }

  static async open(file: string): Promise<ExportSink> {
    return new ExportSink(await fs.promises.open(file, 'w'));
  }

  /** Queues text (UTF-8) or bytes; call `drain` to write what has gathered. */
  push(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    if (bytes.byteLength === 0) return;
    this.queue.push(bytes);
    this.queued += bytes.byteLength;
  }

  /** Queues and writes once a chunk's worth has gathered. */
  async write(data: string | Uint8Array): Promise<void> {
    this.push(data);
    if (this.queued >= CHUNK) await this.drain();
  }

  /** Writes what has gathered once it is a chunk's worth (many small zip members share a write). */
  async drainIfFull(): Promise<void> {
    if (this.queued >= CHUNK) await this.drain();
  }

  async drain(): Promise<void> {
    if (this.queued === 0) return;
    const chunk = Buffer.concat(this.queue, this.queued);
    this.queue.length = 0;
    this.queued = 0;
    await this.handle.write(chunk);
    this.bytes += chunk.byteLength;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }
}

/** A zip written into a sink as files are added (each file is whole before the next starts). */
export class ZipWriter {
  private readonly zip: Zip;
  private failure: Error | null = null;

  private readonly sink: ExportSink;

  constructor(sink: ExportSink) {
    this.sink = sink;
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure = error;
      else sink.push(chunk);
    });
  }

  /** Adds a whole file (stored uncompressed when `store`, e.g. already-compressed data). */
  async add(name: string, data: string | Uint8Array, store = false): Promise<void> {
    const file = store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    file.push(typeof data === 'string' ? encoder.encode(data) : data, true);
    await this.settle(false);
  }

  /** A member written piece by piece (the only one open until `end`). */
  stream(name: string): { push(data: string): Promise<void>; end(): Promise<void> } {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    let pending: Uint8Array[] = [];
    let size = 0;
    const flush = async (final: boolean) => {
      const joined = Buffer.concat(pending, size);
      pending = [];
      size = 0;
      entry.push(joined, final);
      await this.settle(false);
    };
    return {
      push: async (data: string) => {
        const bytes = encoder.encode(data);
        pending.push(bytes);
        size += bytes.byteLength;
        if (size >= CHUNK) await flush(false);
      },
      end: () => flush(true),
    };
  }

  /** Adds a file from disk, read and compressed a chunk at a time. */
  async addFile(name: string, file: string): Promise<void> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        entry.push(buffer.subarray(0, bytesRead).slice(), false);
        await this.settle();
      }
      entry.push(new Uint8Array(0), true);
      await this.settle();
    } finally {
      await handle.close();
    }
  }

  async end(): Promise<void> {
    this.zip.end();
    await this.settle();
  }

  private async settle(all = true): Promise<void> {
    if (this.failure) throw this.failure;
    await (all ? this.sink.drain() : this.sink.drainIfFull());
  }
}
