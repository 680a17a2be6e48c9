// The `email` queue: tickets (PDF with a signed QR code), magic links, membership receipts.
// Never twice for one ticket: the job id is `ticket:<ticketId>` (a second enqueue is ignored
// while the job exists) AND the mail log, keyed by the same id, is checked before any send
// (a job enqueued again later, or run again after a crash, finds it sent). Failures retry
// with exponential backoff (enqueue options below).
import { z } from 'zod';
import type { Clock } from '../../core/clock/port.js';
import type { JobInfo, Jobs, Processor } from '../../core/jobs/port.js';
import type { Store } from '../../core/store/port.js';
import { logger } from '../../core/shared/logger.js';
import { printedShortCode, shortCodeOf } from '../../core/ticketing/short-code.js';
import { signTicketCode } from '../../core/ticketing/ticket-code.js';
import { MailLog } from './mail-log.js';
import type { MailMessage, Mailer } from './mailer.js';
import { magicLinkMail, membershipReceiptMail, ticketMail } from './templates.js';
import { renderTicketPdf } from './ticket-pdf.js';

export const emailQueue = 'email';

/** Retries: 8 attempts, 5 s doubling (about 10 minutes in all), then the failed list. */
export const emailJobOptions = { attempts: 8, backoffMs: 5_000 } as const;

const id = z.string().min(1).max(64);
const email = z.string().email().max(254);
const cents = z.number().int().min(0).max(100_000_00);
/** The document's language (core/shared/document-lang.ts): French when absent, as mails were before. */
const lang = z.enum(['fr', 'en']).default('fr');

export const ticketJob = z.object({
  ticketId: id,
  eventId: id,
  to: email,
  holder: z.string().min(1).max(200),
  eventTitle: z.string().min(1).max(200),
  startsAt: z.number().int(),
  timezone: z.string().max(64).optional(),
  place: z.string().max(300),
  price: cents,
  collectiveName: z.string().min(1).max(200),
  logo: z.string().max(2_000).optional(),
  priceName: z.string().max(200).optional(),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  lang,
});

export const magicLinkJob = z.object({
  linkId: id,
  to: email,
  url: z.string().url().max(2_000),
  collectiveName: z.string().max(200).optional(),
  expiresInMinutes: z.number().int().min(1).max(24 * 60).default(15),
  lang,
});

export const membershipReceiptJob = z.object({
  membershipId: id,
  to: email,
  holder: z.string().min(1).max(200),
  membershipName: z.string().min(1).max(200),
  collectiveName: z.string().min(1).max(200),
  amount: cents,
  paidAt: z.number().int(),
  validUntil: z.number().int().optional(),
  lang,
});

export type TicketMailJob = z.input<typeof ticketJob>;
export type MagicLinkJob = z.input<typeof magicLinkJob>;
export type MembershipReceiptJob = z.input<typeof membershipReceiptJob>;

export interface EmailDeps {
  mailer: Mailer;
  store: Store;
  clock: Clock;
  /** TICKET_SIGNING_SECRET: signs the QR codes the door verifies. */
  ticketSecret: string;
}

export type EmailOutcome = { key: string; sent: boolean; messageId?: string };

export function enqueueTicketMail(jobs: Jobs, data: TicketMailJob): Promise<string> {
  return jobs.enqueue(emailQueue, 'ticket', data, { jobId: mailKey('ticket', data.ticketId), ...emailJobOptions });
}

export function enqueueMagicLinkMail(jobs: Jobs, data: MagicLinkJob): Promise<string> {
  return jobs.enqueue(emailQueue, 'magic-link', data, { jobId: mailKey('magic-link', data.linkId), ...emailJobOptions });
}

export function enqueueMembershipReceipt(jobs: Jobs, data: MembershipReceiptJob): Promise<string> {
  return jobs.enqueue(emailQueue, 'membership-receipt', data, { jobId: mailKey('membership-receipt', data.membershipId), ...emailJobOptions });
}

export function mailKey(kind: 'ticket' | 'magic-link' | 'membership-receipt', id: string): string {
  return `${kind}:${id}`;
}

export function emailProcessor(deps: EmailDeps): Processor {
  const log = new MailLog(deps.store, deps.clock);
  return (job: JobInfo) => processEmailJob(job.name, job.data, deps, log);
}

export async function processEmailJob(name: string, data: unknown, deps: EmailDeps, log = new MailLog(deps.store, deps.clock)): Promise<EmailOutcome> {
  switch (name) {
    case 'ticket': {
      const t = ticketJob.parse(data);
      return sendOnce(log, deps, mailKey('ticket', t.ticketId), 'ticket', t.to, async () => {
        const code = signTicketCode({ ticketId: t.ticketId, eventId: t.eventId }, deps.ticketSecret);
        const pdf = await renderTicketPdf({ ...t, code, shortCode: printedShortCode(shortCodeOf(t.ticketId, deps.ticketSecret)) });
        const words = ticketMail(t);
        return { to: t.to, ...words, attachments: [{ filename: `${t.lang === 'en' ? 'ticket' : 'billet'}-${t.ticketId}.pdf`, content: pdf, contentType: 'application/pdf' }] };
      });
    }
    case 'magic-link': {
      const m = magicLinkJob.parse(data);
      return sendOnce(log, deps, mailKey('magic-link', m.linkId), 'magic-link', m.to, async () => ({ to: m.to, ...magicLinkMail(m) }));
    }
    case 'membership-receipt': {
      const r = membershipReceiptJob.parse(data);
      return sendOnce(log, deps, mailKey('membership-receipt', r.membershipId), 'membership-receipt', r.to, async () => ({ to: r.to, ...membershipReceiptMail(r) }));
    }
    default:
      throw new Error(`unknown email job ${name}`);
  }
}

async function sendOnce(log: MailLog, deps: EmailDeps, key: string, kind: string, to: string, build: () => Promise<MailMessage>): Promise<EmailOutcome> {
  const claim = await log.claim(key, kind, to);
  if (claim.state === 'sent') return { key, sent: false };
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(await build()));
  } catch (err) {
    logger.warn({ err, key }, 'mail not sent; the job retries');
    await log.release(key).catch(() => undefined);
    throw err;
  }
  // Sent: if this write fails, the claim is kept until it expires, so a retry does not resend at once.
  await log.markSent(key, messageId);
  return { key, sent: true, messageId };
}
