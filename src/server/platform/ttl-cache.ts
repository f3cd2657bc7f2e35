/**
 * An in-process cache for reference data that changes rarely (a county's code sets, lines,
 * municipalities): a value is at most `ttlMs` old. A failed load is not cached.
 */
export class TtlCache<V> {
  /** Every cache of this process: an administrator's change (issue 18) clears them all at once. */
  private static readonly all = new Set<TtlCache<unknown>>();
  private readonly entries = new Map<string, { expires: number; value: Promise<V> }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 1000) {
    TtlCache.all.add(this as TtlCache<unknown>);
  }

  /** Forgets what every cache of this process holds (reference data changed). */
  static clearAll(): void {
    for (const cache of TtlCache.all) cache.clear();
  }

  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => { if (this.entries.get(key)?.value === value) this.entries.delete(key); });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
