// The wire of the remote store (a harness's shared in-memory database, bench/store-server.ts):
// frames of a 4-byte big-endian length then that many bytes of UTF-8 JSON, both ways.
// One request per Collection method call; answers carry the request's id and may come back
// in any order (pipelining). A StoreDuplicateKeyError crosses as its name and message.

export type StoreMethod =
  | 'insertOne'
  | 'insertMany'
  | 'findOne'
  | 'find'
  | 'count'
  | 'updateOne'
  | 'updateMany'
  | 'deleteOne'
  | 'deleteMany'
  | 'ensureIndexes';

/** `collection: null` addresses the store itself (ping, dropAll). */
export type StoreRequest = { id: number; collection: string; method: StoreMethod; args: unknown[] } | { id: number; collection: null; method: 'ping' | 'dropAll'; args: [] };

export type StoreResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };

export const storeMethods: readonly StoreMethod[] = ['insertOne', 'insertMany', 'findOne', 'find', 'count', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'ensureIndexes'];

/** A whole ledger read by verifyLedger is tens of MB; anything bigger is a bug, not a load. */
export const maxFrameBytes = 512 * 1024 * 1024;

export function encodeFrame(message: StoreRequest | StoreResponse): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

/** Cuts a byte stream into decoded frames; throws on an oversized or malformed frame. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: unknown[] = [];
    for (;;) {
      if (this.buffered < 4) return frames;
      const head = this.peek(4);
      const length = head.readUInt32BE(0);
      if (length > maxFrameBytes) throw new Error(`remote store: frame of ${length} bytes is over the limit`);
      if (this.buffered < 4 + length) return frames;
      const all = this.take(4 + length);
      frames.push(JSON.parse(all.subarray(4).toString('utf8')));
    }
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, n);
  }
}

/** tcp://host:port or unix:///path/to.sock → net.connect options. */
export function parseStoreUrl(url: string): { host: string; port: number } | { path: string } {
  const parsed = new URL(url);
  if (parsed.protocol === 'unix:') return { path: decodeURIComponent(parsed.pathname) };
  if (parsed.protocol !== 'tcp:' || !parsed.port) throw new Error(`remote store: STORE_URL must be tcp://host:port or unix:///path (got ${url})`);
  return { host: parsed.hostname, port: Number(parsed.port) };
}
