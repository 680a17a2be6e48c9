// The mails Lespass sends go through the `email` job queue (workers/email/processor.ts): one
// job per mail, its id naming what it is about, so a second enqueue of the same ticket is
// ignored while the job exists (and the mail log refuses a second send after). The data
// shapes below are the processor's (ticketJob, magicLinkJob, membershipReceiptJob).
import type { Jobs } from '../jobs/port.js';

export const emailQueue = 'email';
/** As the email processor's own enqueue helpers: 8 attempts, 5 s doubling. */
const emailJobOptions = { attempts: 8, backoffMs: 5_000 } as const;

export interface TicketMail {
  ticketId: string;
  eventId: string;
  to: string;
  holder: string;
  eventTitle: string;
  startsAt: number;
  timezone?: string;
  place: string;
  price: number;
  /** The rate's name ("Plein tarif", "Adhérent"), printed on the ticket. */
  priceName?: string;
  collectiveName: string;
  /** The collective's colour (#rrggbb) and logo URL, on the mail and the PDF. */
  colour?: string;
  logo?: string;
  /** Language of the mail and its PDF (core/shared/document-lang.ts); French when absent. */
  lang?: 'fr' | 'en';
}

export interface MagicLinkMail {
  linkId: string;
  to: string;
  url: string;
  collectiveName?: string;
  expiresInMinutes: number;
  lang?: 'fr' | 'en';
}

export interface MembershipReceiptMail {
  membershipId: string;
  to: string;
  holder: string;
  membershipName: string;
  collectiveName: string;
  amount: number;
  paidAt: number;
  validUntil?: number;
  lang?: 'fr' | 'en';
}

export function enqueueTicketMail(jobs: Jobs, data: TicketMail): Promise<string> {
  return jobs.enqueue(emailQueue, 'ticket', data, { jobId: `ticket:${data.ticketId}`, ...emailJobOptions });
}

export function enqueueMagicLinkMail(jobs: Jobs, data: MagicLinkMail): Promise<string> {
  return jobs.enqueue(emailQueue, 'magic-link', data, { jobId: `magic-link:${data.linkId}`, ...emailJobOptions });
}

export function enqueueMembershipReceipt(jobs: Jobs, data: MembershipReceiptMail): Promise<string> {
  return jobs.enqueue(emailQueue, 'membership-receipt', data, { jobId: `membership-receipt:${data.membershipId}`, ...emailJobOptions });
}
