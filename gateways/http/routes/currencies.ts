// A collective's currencies and its consent to its village's local currencies (admin):
//   GET /api/collectives/:collectiveId/currencies             local and gift assets, and the
//                                                             village's other local currencies
//                                                             with `accepted` true/false
//   PUT /api/collectives/:collectiveId/currencies/local       {name} renames the local currency
//                                                             (defines it when it has none yet)
//   PUT /api/collectives/:collectiveId/currencies/accepted    {asset, accepted} gives or
//                                                             withdraws consent
// Consent is given only to a local currency of another collective of the SAME village (409
// CONFLICT, details.reason NOT_SAME_VILLAGE otherwise); it can always be withdrawn, even once
// the other collective has left the village, so a consent never outlives the wish to give it.
// Payments follow at once on every node (Currencies announces the change on the bus).
// Tenant-checked on :collectiveId by the admin router.
import type { Router } from 'express';
import { z } from 'zod';
import type { CollectiveService } from '../../../core/collectives/service.js';
import type { Collective } from '../../../core/collectives/types.js';
import type { VillageService } from '../../../core/collectives/villages.js';
import { giftAsset, localAsset, parseAsset } from '../../../core/money/assets.js';
import type { Currencies } from '../../../core/money/currencies.js';
import type { Clock } from '../../../core/clock/port.js';
import { AppError } from '../../../core/shared/errors.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

export interface CurrenciesRoutesCore {
  currencies: Currencies;
  collectives: CollectiveService;
  villages: VillageService;
  clock: Clock;
}

export interface CurrencyView {
  asset: string;
  name: string;
}

export interface VillageCurrencyView extends CurrencyView {
  collectiveId: string;
  collectiveName: string;
  accepted: boolean;
  /** False for a currency still accepted although its collective left the village. */
  inVillage: boolean;
}

export interface CurrenciesView {
  collectiveId: string;
  /** null until the collective names its local currency. */
  local: CurrencyView | null;
  gift: CurrencyView | null;
  village: { id: string; name: string } | null;
  others: VillageCurrencyView[];
}

const id = z.string().min(1).max(80);
const inCollective = z.object({ collectiveId: id });
const currencyName = z.string().trim().min(1, 'a name is required').max(40);
const acceptanceBody = z.object({ asset: z.string().min(1).max(120), accepted: z.boolean() }).strict();

export function adminCurrencyRoutes(router: Router, core: CurrenciesRoutesCore): void {
  router.get(
    '/collectives/:collectiveId/currencies',
    requireSession,
    validate({ params: inCollective }, async ({ params }) => ({ currencies: await currenciesOf(core, params.collectiveId) })),
  );

  router.put(
    '/collectives/:collectiveId/currencies/local',
    requireSession,
    validate({ params: inCollective, body: z.object({ name: currencyName }).strict() }, async ({ params, body }) => {
      const collective = await core.collectives.get(params.collectiveId);
      const asset = localAsset(collective._id);
      if (await core.currencies.exists(asset)) await core.currencies.rename(asset, body.name);
      else await core.currencies.defineCollectiveCurrencies(collective._id, body.name, collective.name);
      return { currencies: await currenciesOf(core, collective._id) };
    }),
  );

  router.put(
    '/collectives/:collectiveId/currencies/accepted',
    requireSession,
    validate({ params: inCollective, body: acceptanceBody }, async ({ params, body }) => {
      const collective = await core.collectives.get(params.collectiveId);
      const ref = parseAsset(body.asset);
      if (ref?.kind !== 'local' || ref.collectiveId === collective._id) {
        throw new AppError('INVALID_INPUT', 'only another collective’s local currency can be accepted', { field: 'asset' });
      }
      if (body.accepted) await assertSameVillage(core, collective, ref.collectiveId!);
      await core.currencies.setAcceptance(collective._id, body.asset, body.accepted, core.clock.now());
      return { currencies: await currenciesOf(core, collective._id) };
    }),
  );
}

/** What the admin sees: its own currencies, then each village neighbour's local currency. */
export async function currenciesOf(core: CurrenciesRoutesCore, collectiveId: string): Promise<CurrenciesView> {
  const collective = await core.collectives.get(collectiveId);
  const [local, gift] = await Promise.all([viewOf(core, localAsset(collectiveId)), viewOf(core, giftAsset(collectiveId))]);
  const accepted = new Set(await core.currencies.acceptedBy(collectiveId));
  const village = collective.villageId ? await core.villages.get(collective.villageId) : null;
  const neighbours = village ? (await core.villages.members(village._id)).filter((c) => c._id !== collectiveId) : [];
  const others: VillageCurrencyView[] = [];
  for (const neighbour of neighbours) {
    const view = await viewOf(core, localAsset(neighbour._id));
    if (view) others.push({ ...view, collectiveId: neighbour._id, collectiveName: neighbour.name, accepted: accepted.has(view.asset), inVillage: true });
  }
  // Consents given to collectives that have left the village stay listed until withdrawn.
  for (const asset of accepted) {
    if (others.some((o) => o.asset === asset)) continue;
    const owner = parseAsset(asset)?.collectiveId ?? '';
    const [view, ownerDoc] = await Promise.all([viewOf(core, asset), core.collectives.find(owner)]);
    if (view) others.push({ ...view, collectiveId: owner, collectiveName: ownerDoc?.name ?? owner, accepted: true, inVillage: false });
  }
  return { collectiveId, local, gift, village: village ? { id: village._id, name: village.name } : null, others };
}

async function viewOf(core: CurrenciesRoutesCore, asset: string): Promise<CurrencyView | null> {
  if (!(await core.currencies.exists(asset))) return null;
  return { asset, name: await core.currencies.name(asset) };
}

async function assertSameVillage(core: CurrenciesRoutesCore, collective: Collective, otherId: string): Promise<void> {
  const other = await core.collectives.find(otherId);
  if (!collective.villageId || other?.villageId !== collective.villageId) {
    throw new AppError('CONFLICT', 'only the local currency of a collective of the same village can be accepted', { reason: 'NOT_SAME_VILLAGE', field: 'asset' });
  }
}
