import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './route.js';

describe('parseRoute', () => {
  it('reads the collective slug and the page of the address', () => {
    expect(parseRoute('/la-fourmiliere/')).toEqual({ slug: 'la-fourmiliere', page: 'home' });
    expect(parseRoute('/la-fourmiliere')).toEqual({ slug: 'la-fourmiliere', page: 'home' });
    expect(parseRoute('/la-fourmiliere/agenda')).toEqual({ slug: 'la-fourmiliere', page: 'agenda' });
    expect(parseRoute('/la-fourmiliere/events/evt_1')).toEqual({ slug: 'la-fourmiliere', page: 'event', id: 'evt_1' });
    expect(parseRoute('/la-fourmiliere/join/mbp_2')).toEqual({ slug: 'la-fourmiliere', page: 'join', id: 'mbp_2' });
    expect(parseRoute('/la-fourmiliere/memberships/')).toEqual({ slug: 'la-fourmiliere', page: 'memberships' });
  });

  it('names unknown addresses not-found rather than guessing', () => {
    expect(parseRoute('/x/events').page).toBe('not-found');
    expect(parseRoute('/x/agenda/2').page).toBe('not-found');
    expect(parseRoute('/x/nope').page).toBe('not-found');
  });

  it('reads what the checkout sends the buyer back for', () => {
    expect(parseRoute('/x/account', '?reservation=rsv_1').returnFrom).toEqual({ kind: 'reservation', id: 'rsv_1', cancelled: false });
    expect(parseRoute('/x/account', '?basket=bsk_1&cancelled=1').returnFrom).toEqual({ kind: 'basket', id: 'bsk_1', cancelled: true });
    expect(parseRoute('/x/account', '?topup=topup_9').returnFrom).toEqual({ kind: 'topup', id: 'topup_9', cancelled: false });
    expect(parseRoute('/x/account').returnFrom).toBeUndefined();
    expect(parseRoute('/x/agenda', '?basket=b').returnFrom).toBeUndefined();
    expect(parseRoute('/x/account', '?login=expired')).toEqual({ slug: 'x', page: 'account', loginExpired: true });
  });

  it('decodes escaped parts and survives malformed ones', () => {
    expect(parseRoute('/caf%C3%A9/events/a%20b')).toEqual({ slug: 'café', page: 'event', id: 'a b' });
    expect(parseRoute('/x/events/%E0%A4%A')).toMatchObject({ page: 'event', id: '%E0%A4%A' });
  });
});

describe('hrefOf', () => {
  it('writes addresses that parseRoute reads back', () => {
    for (const [page, id] of [['home'], ['agenda'], ['memberships'], ['account'], ['event', 'evt 1'], ['join', 'mbp_1']] as const) {
      const href = hrefOf('radio-piaf', page, id);
      expect(parseRoute(href)).toEqual({ slug: 'radio-piaf', page, ...(id ? { id } : {}) });
    }
    expect(hrefOf('radio-piaf', 'home')).toBe('/radio-piaf/');
  });
});
