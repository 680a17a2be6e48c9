// A reader without hardware, for demos and tests: taps come from `tap()`, from lines typed on
// an input stream (stdin), or from a scripted list of UIDs played in a loop.
import { EventEmitter } from 'node:events';
import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { CardReader, CardReaderEvents } from './card-reader.js';

export interface SimulatedReaderOptions {
  name?: string;
  /** One UID per line; blank lines are ignored. */
  input?: Readable;
  /** UIDs tapped one after the other, in a loop, every `scriptIntervalMs`. */
  script?: string[];
  scriptIntervalMs?: number;
}

export class SimulatedReader extends EventEmitter<CardReaderEvents> implements CardReader {
  readonly kind = 'simulated';
  readonly name: string;
  private lines?: Interface;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly options: SimulatedReaderOptions = {}) {
    super();
    this.name = options.name ?? 'Simulated reader';
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.emit('reader', { state: 'connected', name: this.name });
    if (this.options.input) this.listen(this.options.input);
    if (this.options.script?.length) this.play(this.options.script, this.options.scriptIntervalMs ?? 3000);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.lines?.close();
    clearInterval(this.timer);
    this.emit('reader', { state: 'disconnected', name: this.name });
  }

  /** A card placed on the reader. Ignored while stopped, as a real reader would be. */
  tap(uid: string): void {
    if (this.running) this.emit('card', uid);
  }

  private listen(input: Readable): void {
    this.lines = createInterface({ input, crlfDelay: Infinity });
    this.lines.on('line', (line) => {
      const uid = line.trim();
      if (uid) this.tap(uid);
    });
  }

  private play(script: string[], intervalMs: number): void {
    let next = 0;
    this.timer = setInterval(() => {
      this.tap(script[next % script.length]);
      next += 1;
    }, intervalMs);
    this.timer.unref();
  }
}
