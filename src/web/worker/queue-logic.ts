/**
 * The queue's rules that need no browser (issue 14), kept apart so they are unit-tested in Node:
 * what an event is, what counts as new work for a worker, a contact's age, the queue's query.
 */
import type { ContactChange, Preferences } from '../../server/features/contacts/contacts.schemas';

export type SavedFilters = Preferences['queueFilters'];
export type QueueStatus = NonNullable<SavedFilters['status']>[number];

const OPS = new Set(['insert', 'update', 'bulk']);
const STATUSES = new Set(['new', 'in_progress', 'waiting', 'closed']);
const stringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * The data of a `contact` event, or null when it is not one (a broken or foreign message is
 * ignored, never thrown). Checked by hand: the staff app carries no zod at runtime, and the
 * server already validates what it sends against contactChangeSchema.
 */
export function parseContactChange(data: string): ContactChange | null {
  let v: unknown;
  try { v = JSON.parse(data); } catch { return null; }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.op !== 'string' || !OPS.has(o.op)) return null;
  const status = o.status ?? null;
  if (!stringOrNull(o.id ?? null) || !(status === null || (typeof status === 'string' && STATUSES.has(status)))) return null;
  return {
    id: (o.id ?? null) as string | null,
    op: o.op as ContactChange['op'],
    status: status as ContactChange['status'],
    line: stringOrNull(o.line) ? o.line : null,
    acute: typeof o.acute === 'boolean' ? o.acute : null,
    assignedUserId: stringOrNull(o.assignedUserId) ? o.assignedUserId : null,
    createdByUserId: stringOrNull(o.createdByUserId) ? o.createdByUserId : null,
  };
}

/**
 * Whether a change is new work for the worker `meId`, and remembers who holds each contact (in
 * `holders`) to tell a release from any other update:
 * - a new open contact, not registered by the worker themself, or
 * - an update that puts back unassigned and new a contact that someone else held;
 * on `lines` (the worker's saved line filter; null: every line); a contact without a line is
 * everyone's. Acute contacts are not counted: the acute alerts (ADR 0009) announce them, louder.
 */
export function isNewWork(change: ContactChange, meId: string, lines: string[] | null, holders: Map<string, string | null>): boolean {
  if (change.op === 'bulk' || change.id === null) return false;
  const before = holders.get(change.id);
  holders.set(change.id, change.assignedUserId);
  if (holders.size > 2000) holders.delete(holders.keys().next().value!); // a long day: forget the oldest
  if (change.acute) return false;
  if (lines && change.line !== null && !lines.includes(change.line)) return false;
  if (change.op === 'insert') return change.status === 'new' && change.assignedUserId === null && change.createdByUserId !== meId;
  const released = before !== undefined && before !== null && before !== meId;
  return released && change.status === 'new' && change.assignedUserId === null;
}

/** A contact's age as the queue shows it: minutes under an hour, hours under two days, then days. */
export function age(receivedAt: string, nowMs: number): { n: number; unit: 'min' | 'h' | 'd' } {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(receivedAt)) / 60_000));
  if (minutes < 60) return { n: minutes, unit: 'min' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { n: hours, unit: 'h' };
  return { n: Math.floor(hours / 24), unit: 'd' };
}

/** The query of `GET /api/contacts` for the filters, a page and an optional search. */
export function queueParams(filters: SavedFilters, opts: { offset?: number; limit?: number; q?: string } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (opts.q) p.set('q', opts.q);
  for (const key of ['line', 'region', 'channel'] as const) if (filters[key]) p.set(key, filters[key]);
  for (const s of filters.status ?? []) p.append('status', s);
  if (filters.mine) p.set('mine', 'true');
  if (filters.overdue) p.set('overdue', 'true');
  if (opts.limit !== undefined) p.set('limit', String(opts.limit));
  if (opts.offset) p.set('offset', String(opts.offset));
  return p;
}

/** Filters without their empty values, as saved in the preferences. */
export function compactFilters(f: SavedFilters): SavedFilters {
  const out: SavedFilters = {};
  if (f.line) out.line = f.line;
  if (f.region) out.region = f.region;
  if (f.channel) out.channel = f.channel;
  if (f.status?.length) out.status = f.status;
  if (f.mine) out.mine = true;
  if (f.overdue) out.overdue = true;
  return out;
}

export const sameFilters = (a: SavedFilters, b: SavedFilters) => JSON.stringify(compactFilters(a)) === JSON.stringify(compactFilters(b));

/**
 * Marks `id` as announced in `storage` (shared by the browser's tabs) and says whether this call
 * was the first: a second tab, or a reload, does not ring again for the same contact.
 */
export function firstToAnnounce(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string, id: string): boolean {
  let seen: string[] = [];
  try { seen = JSON.parse(storage.getItem(key) ?? '[]') as string[]; } catch { /* a damaged value: start over */ }
  if (!Array.isArray(seen)) seen = [];
  if (seen.includes(id)) return false;
  storage.setItem(key, JSON.stringify([...seen, id].slice(-200)));
  return true;
}
