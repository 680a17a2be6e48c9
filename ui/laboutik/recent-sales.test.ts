import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './outbox.js';
import { RecentSales, refundedTotal } from './recent-sales.js';

const sale = (saleId: string, number: number) => ({ saleId, number, total: 1000, atMs: number, lines: [], methods: ['cash'], refunds: {} });

describe('RecentSales', () => {
  it('keeps the newest sales first, each once, within its limit', () => {
    const sales = new RecentSales(new MemoryStorage(), 'k', 2);
    sales.record(sale('s1', 1));
    sales.record(sale('s2', 2));
    sales.record(sale('s2', 2)); // the ack of a resent command
    sales.record(sale('s3', 3));
    expect(sales.list().map((s) => s.saleId)).toEqual(['s3', 's2']);
  });

  it('counts a refund once even when its answer arrives twice', () => {
    const sales = new RecentSales(new MemoryStorage(), 'k');
    sales.record(sale('s1', 1));
    sales.recordRefund('s1', 'tx-refund-1', 350);
    sales.recordRefund('s1', 'tx-refund-1', 350);
    sales.recordRefund('s1', 'tx-refund-2', 150);
    expect(refundedTotal(sales.get('s1')!)).toBe(500);
  });
});
