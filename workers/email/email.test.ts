import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';
import { simpleParser, type ParsedMail } from 'mailparser';
import QRCode from 'qrcode';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryJobs } from '../../core/jobs/memory.js';
import type { Jobs } from '../../core/jobs/port.js';
import { createMemoryStore } from '../../core/store/memory.js';
import type { Store } from '../../core/store/port.js';
import { verifyTicketCode } from '../../core/ticketing/ticket-code.js';
import { drainQueue } from '../../test/support/fake-stripe.js';
import { createSmtpMailer, mailerFromConfig, type Mailer } from './mailer.js';
import { emailQueue, emailProcessor, enqueueMagicLinkMail, enqueueMembershipReceipt, enqueueTicketMail, processEmailJob, type TicketMailJob } from './processor.js';

// jsqr is CommonJS typed as an ES default export: its module object is the function, with .default too.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
const secret = 'ticket-secret-for-tests-0123456789';
const clock = { now: () => Date.now() };

interface Receiver {
  port: number;
  mails: ParsedMail[];
  /** Number of upcoming messages to refuse (a temporary SMTP failure). */
  refuseNext: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state = { mails: [] as ParsedMail[], refuseNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (state.refuseNext > 0) {
            state.refuseNext--;
            const err = Object.assign(new Error('try again later'), { responseCode: 451 });
            return callback(err);
          }
          state.mails.push(mail);
          callback();
        },
        (err) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function ticket(overrides: Partial<TicketMailJob> = {}): TicketMailJob {
  return {
    ticketId: 'tkt_0001',
    eventId: 'evt_fest',
    to: 'lea@example.org',
    holder: 'Léa Martin',
    eventTitle: 'Nuit des étoiles',
    startsAt: Date.parse('2026-08-12T19:30:00Z'),
    place: 'La Grange, Lyon',
    price: 1250,
    collectiveName: 'Le Chapiteau',
    ...overrides,
  };
}

/** The RGB images a pdfkit PDF embeds (PNG with alpha: raw RGB deflated, alpha as a separate SMask). */
function pdfImages(pdf: Buffer): Array<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const text = pdf.toString('latin1');
  const images = [];
  for (const m of text.matchAll(/<<([^<>]*\/Subtype \/Image[^<>]*)>>\s*stream\r?\n/g)) {
    const dict = m[1];
    if (!dict.includes('/ColorSpace /DeviceRGB') || dict.includes('/DecodeParms')) continue;
    const num = (key: string) => Number(new RegExp(`/${key} (\\d+)`).exec(dict)![1]);
    const start = m.index! + m[0].length;
    const rgb = inflateSync(pdf.subarray(start, start + num('Length')));
    const width = num('Width');
    const height = num('Height');
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba.set([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255], i * 4);
    }
    images.push({ width, height, rgba });
  }
  return images;
}

describe('email queue', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function smtpWorld(): Promise<{ receiver: Receiver; mailer: Mailer; store: Store; jobs: Jobs }> {
    const receiver = await startReceiver();
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${receiver.port}`, from: 'Pass <no-reply@pass.test>' });
    const store = createMemoryStore();
    const jobs = createMemoryJobs();
    cleanups.push(() => receiver.close(), () => mailer.close(), () => jobs.close());
    await jobs.work(emailQueue, emailProcessor({ mailer, store, clock, ticketSecret: secret }));
    return { receiver, mailer, store, jobs };
  }

  it('sends a ticket over SMTP with a PDF whose QR code carries a verifiable signed code', async () => {
    const { receiver, jobs } = await smtpWorld();
    const dir = await mkdtemp(join(tmpdir(), 'pass-logo-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const logo = join(dir, 'logo.png');
    await writeFile(logo, await QRCode.toBuffer('logo', { type: 'png', width: 64 }));

    await enqueueTicketMail(jobs, ticket({ logo }));
    await drainQueue(jobs, emailQueue, 10_000);

    expect(receiver.mails).toHaveLength(1);
    const [mail] = receiver.mails;
    expect(mail.subject).toBe('Votre billet — Nuit des étoiles');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('lea@example.org');
    expect(mail.text).toContain('Léa Martin');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe('billet-tkt_0001.pdf');
    expect(pdf.content.subarray(0, 4).toString()).toBe('%PDF');

    const decoded = pdfImages(pdf.content)
      .map((img) => jsQR(img.rgba, img.width, img.height)?.data)
      .filter((data): data is string => !!data && data.startsWith('T1.'));
    expect(decoded).toHaveLength(1);
    expect(verifyTicketCode(decoded[0], secret)).toEqual({ ticketId: 'tkt_0001', eventId: 'evt_fest' });
    expect(verifyTicketCode(decoded[0], 'another-secret-0123456789')).toBeNull();
    expect(pdfImages(pdf.content).length).toBe(2); // the logo was drawn too
  });

  it('sends one mail for one ticket however often the job is enqueued or run', async () => {
    const { receiver, jobs, store, mailer } = await smtpWorld();
    await Promise.all([enqueueTicketMail(jobs, ticket()), enqueueTicketMail(jobs, ticket()), enqueueTicketMail(jobs, ticket())]);
    await drainQueue(jobs, emailQueue, 10_000);
    // The same job run again outside the queue (a redelivery after a crash, a second worker): the mail log says sent.
    const again = await processEmailJob('ticket', ticket(), { mailer, store, clock, ticketSecret: secret });
    expect(again).toEqual({ key: 'ticket:tkt_0001', sent: false });
    expect(receiver.mails).toHaveLength(1);
    expect(await store.collection('mail_log').findOne({ _id: 'ticket:tkt_0001' })).toMatchObject({ sentAt: expect.any(Number), attempts: 1 });
  });

  it('retries with backoff when the SMTP server refuses for a while, then sends once', async () => {
    const { receiver, jobs } = await smtpWorld();
    receiver.refuseNext = 2;
    await jobs.enqueue(emailQueue, 'ticket', ticket({ ticketId: 'tkt_retry' }), { jobId: 'ticket:tkt_retry', attempts: 4, backoffMs: 20 });
    await drainQueue(jobs, emailQueue, 10_000);
    expect(receiver.mails.map((m) => m.subject)).toEqual(['Votre billet — Nuit des étoiles']);
    expect(await jobs.counts(emailQueue)).toMatchObject({ completed: 1, failed: 0 });
  });

  it('in embedded mode writes each mail as an .eml file in DATA_DIR/outbox', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pass-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const mailer = mailerFromConfig({ DATA_DIR: dataDir, MAIL_FROM: 'Pass <no-reply@pass.test>' });
    expect(mailer.kind).toBe('outbox');
    const jobs = createMemoryJobs();
    cleanups.push(() => jobs.close());
    await jobs.work(emailQueue, emailProcessor({ mailer, store: createMemoryStore(), clock, ticketSecret: secret }));
    await enqueueTicketMail(jobs, ticket());
    await enqueueMagicLinkMail(jobs, { linkId: 'ml_1', to: 'lea@example.org', url: 'https://pass.test/login?token=abc&x=<1>' });
    await enqueueMembershipReceipt(jobs, { membershipId: 'mb_1', to: 'lea@example.org', holder: 'Léa', membershipName: 'Adhésion annuelle', collectiveName: 'Le Chapiteau', amount: 1500, paidAt: Date.parse('2026-03-01T10:00:00Z') });
    await drainQueue(jobs, emailQueue, 10_000);

    const files = (await readdir(join(dataDir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(3);
    const mails = await Promise.all(files.map(async (f) => simpleParser(await readFile(join(dataDir, 'outbox', f)))));
    const bySubject = new Map(mails.map((m) => [m.subject, m]));
    expect(bySubject.get('Votre billet — Nuit des étoiles')!.attachments[0].content.subarray(0, 4).toString()).toBe('%PDF');
    expect(bySubject.get('Votre lien de connexion')!.text).toContain('https://pass.test/login?token=abc&x=<1>');
    expect(bySubject.get('Votre lien de connexion')!.html).toContain('href="https://pass.test/login?token=abc&amp;x=&lt;1&gt;"');
    expect(bySubject.get('Reçu d’adhésion — Le Chapiteau')!.text).toContain('15,00 €');
  });
});
