/**
 * A least-recently-used cache bounded by the bytes its values hold, not by their number: cases of a
 * cohort differ in size, and what must not be exceeded is memory. A value larger than the whole cap is
 * not kept at all. Written here rather than taken from `lru-cache` because it is twenty lines and the
 * byte accounting (and `peakBytes`, which the tests check) is the point of it.
 */
export class ByteLru<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private held = 0;
  /** The most bytes ever held at once. */
  peakBytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly capBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get bytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    // Map keeps insertion order: moving the entry to the end makes it the most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.value;
  }

  /** Keeps `value`, evicting the least recently used values until it fits; false when it alone is larger than the cap. */
  set(key: K, value: V): boolean {
    const bytes = this.sizeOf(value);
    this.delete(key);
    if (bytes > this.capBytes) return false;
    for (const [k, e] of this.entries) {
      if (this.held + bytes <= this.capBytes) break;
      this.entries.delete(k);
      this.held -= e.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.held += bytes;
    this.peakBytes = Math.max(this.peakBytes, this.held);
    return true;
  }

  delete(key: K): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.held -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}
