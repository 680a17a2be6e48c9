import { describe, expect, it } from 'vitest';
import { magicLinkMail } from './templates.js';

describe('mail templates', () => {
  it('the HTML sign-in mail shows its link as a clickable address, never a "[lien]" placeholder', () => {
    const url = 'https://pass.example/login?token=a&b=c';
    const mail = magicLinkMail({ url, collectiveName: 'La Guinguette', expiresInMinutes: 15 });
    expect(mail.html).not.toContain('[lien]');
    expect(mail.html).toContain('<a href="https://pass.example/login?token=a&amp;b=c">https://pass.example/login?token=a&amp;b=c</a>');
    expect(mail.text).toContain(url);
  });
});

describe('ticket mail and PDF', () => {
  it('name the rate and carry the collective’s colour', async () => {
    const { ticketMail } = await import('./templates.js');
    const { renderTicketPdf } = await import('./ticket-pdf.js');
    const { pdfText } = await import('../../test/support/pdf-text.js');
    const mail = ticketMail({ holder: 'Léa', eventTitle: 'Bal folk', collectiveName: 'La Guinguette', priceName: 'Adhérent', colour: '#7a1f5c' });
    expect(mail.text).toContain('tarif « Adhérent »');
    expect(mail.html).toContain('border-top:6px solid #7a1f5c');
    expect(mail.html).toContain('La Guinguette');
    const pdf = await renderTicketPdf({ code: 'x.y', ticketId: 't1', eventTitle: 'Bal folk', startsAt: Date.parse('2026-07-14T18:00:00Z'), place: 'Quai', holder: 'Léa', price: 800, priceName: 'Adhérent', collectiveName: 'La Guinguette', colour: '#7a1f5c' });
    expect(pdfText(pdf)).toContain('Tarif : Adhérent');
  });
});
