import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './route.js';

describe('admin routes', () => {
  it('read a section, an id and a tab, and the collective from the query', () => {
    expect(parseRoute('/admin/')).toEqual({ section: 'collective' });
    expect(parseRoute('/admin/pos')).toEqual({ section: 'pos' });
    expect(parseRoute('/admin/pos/pos_1/terminals', '?collective=col_2')).toEqual({ section: 'pos', id: 'pos_1', tab: 'terminals', collectiveId: 'col_2' });
    expect(parseRoute('/admin/ops/ledger')).toEqual({ section: 'ops-ledger' });
    expect(parseRoute('/admin/ops')).toEqual({ section: 'ops-queues' });
    expect(parseRoute('/admin/staff')).toEqual({ section: 'staff' });
    expect(parseRoute('/admin/settlement', '?collective=col_1')).toEqual({ section: 'settlement', collectiveId: 'col_1' });
  });

  it('land unknown paths on the collective profile', () => {
    expect(parseRoute('/admin/nope/x')).toEqual({ section: 'collective' });
    expect(parseRoute('/admin/ops/nope')).toEqual({ section: 'ops-queues' });
  });

  it('write back the address they were read from', () => {
    for (const [path, search] of [
      ['/admin/pos/pos_1/z', '?collective=col_2'],
      ['/admin/events/evt_9', ''],
      ['/admin/ops/queues', ''],
      ['/admin/revenue', '?collective=col_1'],
    ]) {
      expect(hrefOf(parseRoute(path, search))).toBe(path + search);
    }
    expect(hrefOf({ section: 'pos', id: 'a b' })).toBe('/admin/pos/a%20b');
    expect(parseRoute('/admin/pos/a%20b').id).toBe('a b');
  });
});
