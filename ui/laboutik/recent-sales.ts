// The last sales rung up on this terminal, kept on the device so the cashier can refund one
// (protocol v1 has no "list sales" command). Bounded; newest first.
import type { KeyValueStorage } from './outbox.js';

export interface RecentSale {
  saleId: string;
  number: number;
  total: number;
  atMs: number;
  lines: Array<{ name: string; qty: number }>;
  /** Cents refunded, per refund txId (a refund ack's `refunded`): a replayed ack counts once. */
  refunds: Record<string, number>;
  methods: string[];
}

export const recentSalesLimit = 30;

export class RecentSales {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly limit = recentSalesLimit,
  ) {}

  list(): RecentSale[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as RecentSale[]) : [];
    } catch {
      return [];
    }
  }

  /** Records a sale once (a resent command's ack may arrive again). */
  record(sale: RecentSale): void {
    const others = this.list().filter((s) => s.saleId !== sale.saleId);
    this.write([sale, ...others].slice(0, this.limit));
  }

  recordRefund(saleId: string, txId: string, amount: number): void {
    this.write(this.list().map((s) => (s.saleId === saleId ? { ...s, refunds: { ...s.refunds, [txId]: amount } } : s)));
  }

  get(saleId: string): RecentSale | undefined {
    return this.list().find((s) => s.saleId === saleId);
  }

  private write(sales: RecentSale[]): void {
    this.storage.setItem(this.key, JSON.stringify(sales));
  }
}

export function refundedTotal(sale: RecentSale): number {
  return Object.values(sale.refunds ?? {}).reduce((sum, amount) => sum + amount, 0);
}
