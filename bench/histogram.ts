// Latency recorder: keeps every sample (a run is bounded) and reports exact percentiles.
export class Histogram {
  private samples: number[] = [];
  private sorted = true;

  record(ms: number): void {
    this.samples.push(ms);
    this.sorted = false;
  }

  get count(): number {
    return this.samples.length;
  }

  percentile(p: number): number {
    if (!this.samples.length) return 0;
    if (!this.sorted) {
      this.samples.sort((a, b) => a - b);
      this.sorted = true;
    }
    const index = Math.min(this.samples.length - 1, Math.ceil((p / 100) * this.samples.length) - 1);
    return this.samples[Math.max(0, index)];
  }

  summary(): { count: number; p50: number; p95: number; p99: number; max: number } {
    const round = (x: number) => Math.round(x * 100) / 100;
    return { count: this.count, p50: round(this.percentile(50)), p95: round(this.percentile(95)), p99: round(this.percentile(99)), max: round(this.percentile(100)) };
  }
}
