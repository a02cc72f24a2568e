// A one-line progress report on a terminal (stderr): documents, documents/s and, when the total is known,
// the time left. Nothing is printed when stderr is not a terminal: logs stay clean.
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  constructor(private readonly total: number | null, private readonly enabled = process.stderr.isTTY === true) {}

  update(done: number, failed: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / seconds;
    let line = `  ${done.toLocaleString('en')}${this.total === null ? '' : `/${this.total.toLocaleString('en')}`} documents, ${rate.toFixed(1)}/s`;
    if (failed > 0) line += `, ${failed} failed`;
    if (this.total !== null && rate > 0 && done < this.total) line += `, ETA ${clock((this.total - done) / rate)}`;
    if (this.total !== null && this.total > 0) line = `${bar(Math.min(done / this.total, 1))}${line}`;
    process.stderr.write(`\r\x1b[K${line}`);
  }

  end(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }
}

function bar(fraction: number, width = 24): string {
  const full = Math.round(fraction * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
