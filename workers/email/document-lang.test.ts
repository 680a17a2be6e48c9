// Documents follow the buyer's or the collective's language: a ticket mail and its PDF, a sign-in
// link and a membership receipt in English when asked, in French otherwise (and for old jobs
// that carry no language). Runs the email processor with a recording mailer.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock/port.js';
import { documentLang } from '../../core/shared/document-lang.js';
import { createMemoryStore } from '../../core/store/memory.js';
import type { Mailer, MailMessage } from './mailer.js';
import { processEmailJob } from './processor.js';

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => (sent.push(m), { messageId: `m${sent.length}` }), close: async () => undefined } as Mailer & { sent: MailMessage[] };
}

/** The PDF's /Title, an indirect object that pdfkit writes as a UTF-16BE string (BOM first). */
function pdfTitle(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(text)?.[1];
  const raw = ref ? new RegExp(`\n${ref} 0 obj\n\\((.*?)\\)\nendobj`, 's').exec(text)?.[1] : undefined;
  if (!raw) return '';
  const bytes = Buffer.from(raw, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : raw;
}

const ticket = (lang?: 'fr' | 'en') => ({
  ticketId: 'tkt_0001', eventId: 'evt_1', to: 'ana@example.org', holder: 'Ana', eventTitle: 'Night of stars', startsAt: Date.UTC(2026, 6, 14, 19), place: 'The field', price: 1_200, collectiveName: 'Collectif', ...(lang ? { lang } : {}),
});

describe('languages of documents', () => {
  const deps = (mailer: Mailer) => ({ mailer, store: createMemoryStore(), clock: systemClock, ticketSecret: 'a-ticket-secret-0123456789' });

  it('a ticket in English: the mail, the attachment name and the PDF; without a language, French as before', async () => {
    const mailer = recordingMailer();
    await processEmailJob('ticket', ticket('en'), deps(mailer));
    const [en] = mailer.sent;
    expect(en.subject).toBe('Your ticket — Night of stars');
    expect(en.text).toContain('Hello Ana');
    expect(en.attachments![0].filename).toBe('ticket-tkt_0001.pdf');
    expect(pdfTitle(en.attachments![0].content as Buffer)).toBe('Ticket — Night of stars');

    const french = recordingMailer();
    await processEmailJob('ticket', ticket(), deps(french));
    expect(french.sent[0].subject).toBe('Votre billet — Night of stars');
    expect(french.sent[0].attachments![0].filename).toBe('billet-tkt_0001.pdf');
    expect(pdfTitle(french.sent[0].attachments![0].content as Buffer)).toBe('Billet — Night of stars');
  });

  it('a sign-in link and a membership receipt follow their language', async () => {
    const mailer = recordingMailer();
    await processEmailJob('magic-link', { linkId: 'ml_1', to: 'ana@example.org', url: 'https://pass.test/api/auth/magic/t', expiresInMinutes: 15, lang: 'en' }, deps(mailer));
    expect(mailer.sent[0]).toMatchObject({ subject: 'Your sign-in link' });
    expect(mailer.sent[0].html).toContain('>Sign in</a>');
    await processEmailJob('membership-receipt', { membershipId: 'mb_1', to: 'ana@example.org', holder: 'Ana', membershipName: 'Soutien', collectiveName: 'Collectif', amount: 1_500, paidAt: Date.UTC(2026, 6, 1, 10), lang: 'en' }, deps(mailer));
    expect(mailer.sent[1].subject).toBe('Membership receipt — Collectif');
    expect(mailer.sent[1].text).toContain('paid on 1 July 2026');
    await processEmailJob('membership-receipt', { membershipId: 'mb_2', to: 'ana@example.org', holder: 'Ana', membershipName: 'Soutien', collectiveName: 'Collectif', amount: 0, paidAt: Date.UTC(2026, 6, 1, 10) }, deps(mailer));
    expect(mailer.sent[2].text).toContain('payé le 1 juillet 2026');
    await expect(processEmailJob('ticket', { ...ticket(), lang: 'de' }, deps(mailer))).rejects.toThrow();
  });

  it('the buyer’s language first, then the collective’s, then French', () => {
    expect(documentLang('en-GB', 'fr')).toBe('en');
    expect(documentLang(undefined, 'en')).toBe('en');
    expect(documentLang('de', null)).toBe('fr');
    expect(documentLang()).toBe('fr');
  });
});
