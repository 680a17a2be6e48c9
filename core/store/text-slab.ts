// Texts kept outside the JavaScript heap, in large buffers: the memory store's documents. A
// major GC marks every object of the heap; a few hundred thousand documents kept as strings were
// most of what it marked (and what made it run), here they are a handful of buffers.
// Append-only: a replaced or deleted text's bytes stay until `clear` (a test and bench store).

const chunkBytes = 4 * 1024 * 1024;

export class TextSlab {
  private chunks: Buffer[] = [];
  private used = chunkBytes; // no chunk yet: the first put opens one
  private chunkOf = new Uint32Array(1024);
  private offsetOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  private slots = 0;

  /** Stores a text; answers its handle. */
  put(text: string): number {
    // A character is at most 3 UTF-8 bytes: when that surely fits, one pass writes and measures.
    if (this.used + text.length * 3 > chunkBytes) {
      const needed = Buffer.byteLength(text);
      if (this.used + needed > chunkBytes) this.open(needed);
    }
    const chunk = this.chunks.length - 1;
    const bytes = this.chunks[chunk].write(text, this.used, 'utf8');
    const slot = this.slots++;
    if (slot === this.chunkOf.length) this.grow();
    this.chunkOf[slot] = chunk;
    this.offsetOf[slot] = this.used;
    this.lengthOf[slot] = bytes;
    this.used += bytes;
    return slot;
  }

  get(slot: number): string {
    const offset = this.offsetOf[slot];
    return this.chunks[this.chunkOf[slot]].toString('utf8', offset, offset + this.lengthOf[slot]);
  }

  clear(): void {
    this.chunks = [];
    this.used = chunkBytes;
    this.slots = 0;
  }

  private open(atLeast: number): void {
    this.chunks.push(Buffer.allocUnsafeSlow(Math.max(chunkBytes, atLeast)));
    this.used = 0;
  }

  private grow(): void {
    const size = this.chunkOf.length * 2;
    for (const name of ['chunkOf', 'offsetOf', 'lengthOf'] as const) {
      const bigger = new Uint32Array(size);
      bigger.set(this[name]);
      this[name] = bigger;
    }
  }
}
