/** The queue's browser-free rules (issue 14): events, new work, age, the query, the tabs' shared announcements. */
import { describe, expect, it } from 'vitest';
import type { ContactChange } from '../../server/features/contacts/contacts.schemas';
import { age, compactFilters, firstToAnnounce, isNewWork, parseContactChange, queueParams } from './queue-logic';

const ME = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const ID = '00000000-0000-4000-8000-0000000000aa';
const change = (c: Partial<ContactChange>): ContactChange => ({
  id: ID, op: 'insert', status: 'new', line: 'working_age', acute: false, assignedUserId: null, createdByUserId: null, ...c,
});

describe('a contact event', () => {
  it('is read from the stream\'s JSON, and anything else is ignored, not thrown', () => {
    expect(parseContactChange(JSON.stringify(change({})))).toEqual(change({}));
    expect(parseContactChange('{"op":"bulk","id":null}')).toEqual({ id: null, op: 'bulk', status: null, line: null, acute: null, assignedUserId: null, createdByUserId: null });
    expect(parseContactChange('not json')).toBeNull();
    expect(parseContactChange('null')).toBeNull();
    expect(parseContactChange('{"op":"delete","id":"x"}')).toBeNull();
    expect(parseContactChange('{"op":"update","id":"x","status":"lost"}')).toBeNull();
    expect(parseContactChange('{"op":"update","id":5}')).toBeNull();
  });
});

describe('new work for a worker', () => {
  it('is a new open contact on the worker\'s lines that someone else registered', () => {
    expect(isNewWork(change({}), ME, null, new Map())).toBe(true);
    expect(isNewWork(change({ createdByUserId: OTHER }), ME, ['working_age'], new Map())).toBe(true);
    expect(isNewWork(change({ line: null }), ME, ['older_people'], new Map())).toBe(true); // no line: everyone's
  });

  it('is not one the worker registered, one on another line, an acute one, a claimed one, or a bulk change', () => {
    expect(isNewWork(change({ createdByUserId: ME }), ME, null, new Map())).toBe(false);
    expect(isNewWork(change({ line: 'older_people' }), ME, ['working_age'], new Map())).toBe(false);
    expect(isNewWork(change({ acute: true }), ME, null, new Map())).toBe(false);
    expect(isNewWork(change({ assignedUserId: OTHER, status: 'in_progress' }), ME, null, new Map())).toBe(false);
    expect(isNewWork(change({ status: 'closed' }), ME, null, new Map())).toBe(false);
    expect(isNewWork(change({ op: 'bulk', id: null }), ME, null, new Map())).toBe(false);
  });

  it('is an update that puts back unassigned a contact someone else held; any other update is not', () => {
    const holders = new Map<string, string | null>();
    expect(isNewWork(change({ op: 'update', status: 'new' }), ME, null, holders)).toBe(false); // never seen held
    expect(isNewWork(change({ op: 'update', status: 'in_progress', assignedUserId: OTHER }), ME, null, holders)).toBe(false);
    expect(isNewWork(change({ op: 'update', status: 'new', assignedUserId: null }), ME, null, holders)).toBe(true); // released
    expect(isNewWork(change({ op: 'update', status: 'new', assignedUserId: null }), ME, null, holders)).toBe(false); // a later edit
    expect(isNewWork(change({ op: 'update', status: 'in_progress', assignedUserId: ME }), ME, null, holders)).toBe(false);
    expect(isNewWork(change({ op: 'update', status: 'new', assignedUserId: null }), ME, null, holders)).toBe(false); // the worker's own release
  });
});

describe('a contact\'s age', () => {
  const received = '2026-11-23T08:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  it('counts minutes under an hour, hours under two days, then days; never below zero', () => {
    expect(age(received, at('2026-11-23T08:12:59Z'))).toEqual({ n: 12, unit: 'min' });
    expect(age(received, at('2026-11-23T08:59:59Z'))).toEqual({ n: 59, unit: 'min' });
    expect(age(received, at('2026-11-23T09:00:00Z'))).toEqual({ n: 1, unit: 'h' });
    expect(age(received, at('2026-11-23T11:30:00Z'))).toEqual({ n: 3, unit: 'h' });
    expect(age(received, at('2026-11-25T07:59:00Z'))).toEqual({ n: 47, unit: 'h' });
    expect(age(received, at('2026-11-25T08:00:00Z'))).toEqual({ n: 2, unit: 'd' });
    expect(age(received, at('2026-11-23T07:59:00Z'))).toEqual({ n: 0, unit: 'min' }); // a clock a little behind
  });
});

describe('the queue\'s query', () => {
  it('carries the filters, several statuses, the page and the search, and nothing empty', () => {
    expect(queueParams({ line: 'working_age', status: ['new', 'waiting'], mine: true, overdue: false }, { offset: 50, limit: 50 }).toString())
      .toBe('line=working_age&status=new&status=waiting&mine=true&limit=50&offset=50');
    expect(queueParams({}, { q: '040-123 4567', limit: 50 }).toString()).toBe('q=040-123+4567&limit=50');
    expect(queueParams({ region: '', channel: undefined }, {}).toString()).toBe('');
  });

  it('saves filters without their empty values', () => {
    expect(compactFilters({ line: '', region: 'etela', status: [], mine: false, overdue: true })).toEqual({ region: 'etela', overdue: true });
  });
});

describe('announcing new work once per browser', () => {
  it('lets only the first tab announce a contact, and survives a damaged value', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v); } };
    expect(firstToAnnounce(storage, 'k', 'a')).toBe(true);
    expect(firstToAnnounce(storage, 'k', 'a')).toBe(false);
    expect(firstToAnnounce(storage, 'k', 'b')).toBe(true);
    store.set('k', '{broken');
    expect(firstToAnnounce(storage, 'k', 'a')).toBe(true);
    for (let i = 0; i < 250; i++) firstToAnnounce(storage, 'k', `id${i}`);
    expect(JSON.parse(store.get('k')!)).toHaveLength(200);
  });
});
