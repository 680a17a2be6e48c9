import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { createMemoryStore } from '../store/memory.js';
import { isIanaTimezone, slugify } from './schemas.js';
import { CollectiveService } from './service.js';
import { VillageService } from './villages.js';

async function services() {
  const store = createMemoryStore();
  const clock = new FakeClock();
  const collectives = new CollectiveService(store, clock);
  await collectives.start();
  return { clock, collectives, villages: new VillageService(store, clock, collectives) };
}

describe('collectives', () => {
  it('derive a unique slug from the name and refuse a taken one', async () => {
    const { collectives } = await services();
    const c = await collectives.create({ name: 'La Fourmilière' });
    expect(c).toMatchObject({ slug: 'la-fourmiliere', timezone: 'Europe/Paris', villageId: null, images: [], logoUrl: null });
    await expect(collectives.create({ name: 'La fourmiliere !' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(collectives.create({ name: 'Other', slug: 'la-fourmiliere' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await collectives.getBySlug('la-fourmiliere'))._id).toBe(c._id);
  });

  it('refuse slugs that are app paths and malformed ones', async () => {
    const { collectives } = await services();
    await expect(collectives.create({ name: 'Admin' })).rejects.toThrow(/reserved/);
    await expect(collectives.create({ name: 'X', slug: 'Bad Slug' })).rejects.toThrow(/lowercase/);
  });

  it('accept only canonical IANA time zones', async () => {
    expect(['Europe/Paris', 'UTC', 'America/Argentina/Buenos_Aires'].every(isIanaTimezone)).toBe(true);
    expect(['EST', 'utc', 'europe/paris', 'Mars/Olympus', '+01:00', ''].some(isIanaTimezone)).toBe(false);
    const { collectives } = await services();
    await expect(collectives.create({ name: 'Radio', timezone: 'Paris' })).rejects.toThrow(/IANA/);
    const c = await collectives.create({ name: 'Radio', timezone: 'America/Montreal' });
    expect(await collectives.timezoneOf(c._id)).toBe('America/Montreal');
    await collectives.update(c._id, { timezone: 'Europe/Brussels' });
    expect(await collectives.timezoneOf(c._id)).toBe('Europe/Brussels');
  });

  it('update only profile fields, with safe image URLs', async () => {
    const { clock, collectives } = await services();
    const c = await collectives.create({ name: 'Le Chapiteau' });
    clock.advance(1_000);
    const updated = await collectives.update(c._id, { description: 'Cirque', logoUrl: 'https://img.test/logo.png', images: ['/uploads/a.jpg'], colours: { primary: '#000000', secondary: '#ffffff' } });
    expect(updated).toMatchObject({ description: 'Cirque', logoUrl: 'https://img.test/logo.png', images: ['/uploads/a.jpg'], name: 'Le Chapiteau', updatedAt: c.createdAt + 1_000 });
    await expect(collectives.update(c._id, { logoUrl: 'javascript:alert(1)' })).rejects.toThrow(/http/);
    await expect(collectives.update(c._id, { name: 'Renamed' } as never)).rejects.toThrow();
    await expect(collectives.update(c._id, {})).rejects.toThrow(/nothing to update/);
    await expect(collectives.update('col_missing', { description: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('slugify strips accents and punctuation', () => {
    expect(slugify('  Radio Piaf — 92.4 FM ')).toBe('radio-piaf-92-4-fm');
  });
});

describe('villages', () => {
  it('hold collectives, each in at most one village', async () => {
    const { collectives, villages } = await services();
    const v1 = await villages.create({ name: 'Village des Possibles' });
    const v2 = await villages.create({ name: 'Autre village' });
    const a = await collectives.create({ name: 'A' });
    const b = await collectives.create({ name: 'B' });
    await villages.join(a._id, v1._id);
    await villages.join(b._id, v1._id);
    expect((await villages.join(a._id, v1._id)).villageId).toBe(v1._id); // joining again is a no-op
    expect((await villages.members(v1._id)).map((c) => c.name)).toEqual(['A', 'B']);
    await expect(villages.join(a._id, v2._id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await villages.leave(a._id);
    expect((await villages.join(a._id, v2._id)).villageId).toBe(v2._id);
    expect((await villages.members(v1._id)).map((c) => c.name)).toEqual(['B']);
    await expect(villages.join(a._id, 'vil_missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('let only one of two concurrent joins of different villages win', async () => {
    const { collectives, villages } = await services();
    const [v1, v2] = await Promise.all([villages.create({ name: 'V1' }), villages.create({ name: 'V2' })]);
    const c = await collectives.create({ name: 'C' });
    const results = await Promise.allSettled([villages.join(c._id, v1._id), villages.join(c._id, v2._id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['CONFLICT']);
  });
});
