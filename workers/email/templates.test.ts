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
