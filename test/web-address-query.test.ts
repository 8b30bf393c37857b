import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentQueryWith } from '../src/web/ui/address-query.ts';

afterEach(() => vi.unstubAllGlobals());

describe('a page’s query changed from the address as it is now (ui/address-query.ts)', () => {
  it('builds on the address bar, not on the query the page last rendered', () => {
    // The desk queue: a search by identity number cleared (the address has moved on to
    // ?queue=all) while the page still renders ?q=…&queue=all; then "Lọc" by procedure.
    vi.stubGlobal('window', { location: { search: '?queue=all' } });
    const next = currentQueryWith({ procedure: '2.000815', from: undefined, to: undefined, assignee: undefined, page: undefined });
    expect(next.toString()).toBe('queue=all&procedure=2.000815');
    expect(next.has('q')).toBe(false);
  });

  it('sets a value, replaces one, and removes a key given empty, null or undefined', () => {
    const next = currentQueryWith({ queue: 'mine', q: '', sort: null, page: undefined, order: 'desc' }, '?queue=all&q=Mai&sort=due&page=3');
    expect(next.toString()).toBe('queue=mine&order=desc');
  });

  it('keeps what it is not told to change, in order', () => {
    expect(currentQueryWith({}, '?a=1&b=2').toString()).toBe('a=1&b=2');
    expect(currentQueryWith({ a: '3' }, '?a=1&b=2').toString()).toBe('a=3&b=2');
  });
});
