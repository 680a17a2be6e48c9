// What an organizer watches of offline selling: offline sales and shortfalls per POS and day,
// cards in debt to the collective, and terminals silent for longer than their POS allows
// offline (they may hold a journal not synced yet). Read-only, from the sales, the debts
// projection and the terminals; documents use names, days in the collective's time zone.
import type { Clock } from '../clock/port.js';
import type { Blocklist } from '../pass/blocklist.js';
import type { Cards } from '../pass/cards.js';
import type { CatalogService } from './catalog.js';
import { offlinePolicyOf } from './offline-policy.js';
import type { PosService } from './service.js';
import type { TerminalService } from './terminals.js';
import { businessDay } from './z-ticket.js';

export interface OfflineReportDeps {
  pos: PosService;
  catalog: CatalogService;
  terminals: TerminalService;
  blocklist: Blocklist;
  cards: Cards;
  clock: Clock;
  timezoneOf(collectiveId: string): Promise<string>;
}

export interface OfflineReport {
  /** Per POS and day the sale was made (offline), most recent first. */
  days: Array<{ posId: string; posName: string; day: string; count: number; total: number; pass: number; shortfall: number }>;
  cardsInDebt: Array<{ cardNumbers: string[]; owed: number; total: number; since: number }>;
  terminals: Array<{ terminalId: string; name: string; posId: string; posName: string; lastSeenAt: number | null; lastSyncAt: number | null; silentForMs: number; stale: boolean }>;
}

export async function offlineReport(deps: OfflineReportDeps, collectiveId: string, period: { fromMs: number; toMs: number }): Promise<OfflineReport> {
  const now = deps.clock.now();
  const timezone = await deps.timezoneOf(collectiveId);
  const points = new Map((await deps.catalog.listPos(collectiveId)).map((p) => [p._id, p]));
  const posName = (posId: string) => points.get(posId)?.name ?? posId;

  const days = new Map<string, OfflineReport['days'][number]>();
  for (const sale of await deps.pos.offlineSales(collectiveId, period)) {
    const day = businessDay(sale.offline!.at, timezone);
    const key = `${sale.posId}|${day}`;
    const d = days.get(key) ?? { posId: sale.posId, posName: posName(sale.posId), day, count: 0, total: 0, pass: 0, shortfall: 0 };
    d.count += 1;
    d.total += sale.total;
    d.pass += sale.payments.pass;
    d.shortfall += sale.shortfall ?? 0;
    days.set(key, d);
  }

  const cardsInDebt = [];
  for (const debt of await deps.blocklist.inDebtTo(collectiveId)) {
    const numbers = await Promise.all(
      debt.cardUids.map((uid) =>
        deps.cards.byUidOrThrow(uid).then(
          (c) => c.number,
          () => uid,
        ),
      ),
    );
    cardsInDebt.push({ cardNumbers: numbers, owed: debt.debts[collectiveId] ?? 0, total: debt.total, since: debt.updatedAt });
  }

  const terminals = (await deps.terminals.ofCollective(collectiveId)).map((t) => {
    const heard = t.lastSeenAt ?? t.pairedAt ?? t.createdAt;
    const silentForMs = Math.max(0, now - heard);
    const policy = offlinePolicyOf(points.get(t.posId) ?? {});
    return {
      terminalId: t._id,
      name: t.name,
      posId: t.posId,
      posName: posName(t.posId),
      lastSeenAt: t.lastSeenAt ?? null,
      lastSyncAt: t.lastSyncAt ?? null,
      silentForMs,
      stale: silentForMs > policy.maxOfflineMs,
    };
  });
  terminals.sort((a, b) => b.silentForMs - a.silentForMs);

  return { days: [...days.values()].sort((a, b) => b.day.localeCompare(a.day) || a.posName.localeCompare(b.posName)), cardsInDebt, terminals };
}
