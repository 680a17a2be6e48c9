import { describe, expect, it } from 'vitest';
import { signTicketCode, verifyTicketCode } from './ticket-code.js';

const secret = 'a-ticket-secret-of-32-characters';

describe('signed ticket codes', () => {
  it('verifies a genuine code and returns its ids', () => {
    const code = signTicketCode({ ticketId: 'tkt_01', eventId: 'evt_42' }, secret);
    expect(code).toMatch(/^T1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(code.length).toBeLessThan(120);
    expect(verifyTicketCode(code, secret)).toEqual({ ticketId: 'tkt_01', eventId: 'evt_42' });
  });

  it('refuses a code signed with another secret, altered in any character, or malformed', () => {
    const code = signTicketCode({ ticketId: 'tkt_01', eventId: 'evt_42' }, secret);
    expect(verifyTicketCode(code, 'another-secret-of-enough-length')).toBeNull();
    for (let i = 0; i < code.length; i++) {
      const swapped = code[i] === 'A' ? 'B' : 'A';
      expect(verifyTicketCode(code.slice(0, i) + swapped + code.slice(i + 1), secret)).toBeNull();
    }
    const [, , sig] = code.split('.');
    const otherBody = Buffer.from(JSON.stringify({ t: 'tkt_99', e: 'evt_42' })).toString('base64url');
    expect(verifyTicketCode(`T1.${otherBody}.${sig}`, secret)).toBeNull();
    for (const bad of ['', 'T1', 'T1..', 'T2.a.b', `${code}.x`, code.slice(0, -1), 'x'.repeat(1000)]) expect(verifyTicketCode(bad, secret)).toBeNull();
  });

  it('refuses a weak secret', () => {
    expect(() => signTicketCode({ ticketId: 't', eventId: 'e' }, 'short')).toThrow(/at least 16/);
  });
});
