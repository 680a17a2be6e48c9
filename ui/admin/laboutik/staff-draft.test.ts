import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../api-types.js';
import { draftFrom, emptyDraft, staffRequest } from './staff-draft.js';

const member: StaffMember = {
  _id: 'stf_1',
  collectiveId: 'c1',
  name: 'Dominique',
  role: 'manager',
  cardUid: '04A1B2C3',
  hasPin: true,
  posIds: ['pos_1'],
  active: true,
  createdAt: 0,
};

describe('staff form requests', () => {
  it('refuse someone new without a card or a PIN, saying so next to both fields', () => {
    const out = staffRequest({ ...emptyDraft(), name: 'Camille' }, undefined);
    expect(out).toEqual({ fields: { cardUid: expect.stringContaining('PIN'), pin: expect.stringContaining('PIN') } });
  });

  it('normalise a card UID typed with separators and refuse one that is not 4, 7 or 10 bytes of hex', () => {
    expect(staffRequest({ ...emptyDraft(), name: ' Camille ', cardUid: '04:a1:b2:c3' }, undefined)).toEqual({
      body: { name: 'Camille', role: 'cashier', posIds: [], active: true, cardUid: '04A1B2C3' },
    });
    expect(staffRequest({ ...emptyDraft(), name: 'Camille', cardUid: '04A1B2' }, undefined)).toMatchObject({ fields: { cardUid: expect.any(String) } });
  });

  it('take a PIN of 4 to 8 digits only', () => {
    for (const pin of ['123', '12ab', '123456789']) expect(staffRequest({ ...emptyDraft(), name: 'C', pin }, undefined)).toMatchObject({ fields: { pin: expect.any(String) } });
    expect(staffRequest({ ...emptyDraft(), name: 'C', pin: '4821' }, undefined)).toMatchObject({ body: { pin: '4821' } });
  });

  it('send only what an edit changed, and a PIN only when one was typed', () => {
    const draft = draftFrom(member);
    expect(draft.pin).toBe('');
    expect(staffRequest(draft, member)).toEqual({ body: {} });
    expect(staffRequest({ ...draft, posIds: [], pin: '7777', cardUid: '04 a1 b2 c3' }, member)).toEqual({ body: { posIds: [], pin: '7777' } });
    expect(staffRequest({ ...draft, role: 'cashier', active: false }, member)).toEqual({ body: { role: 'cashier', active: false } });
  });

  it('refuse to take a card away on edit (the API keeps it): replace it or deactivate instead', () => {
    expect(staffRequest({ ...draftFrom(member), cardUid: '' }, member)).toMatchObject({ fields: { cardUid: expect.any(String) } });
  });
});
