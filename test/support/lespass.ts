// A Lespass test node: boot() with in-process jobs that record every enqueue (so a test reads
// the magic link or the ticket mails from the `email` jobs), and the `stripe` queue processed
// by the real processor with the Lespass fulfilments, so a demo checkout "paid" in the test
// goes the production way: payment event -> job -> fulfilment.
import type { Clock } from '../../core/clock/port.js';
import { createMemoryJobs } from '../../core/jobs/memory.js';
import type { EnqueueOptions, Jobs } from '../../core/jobs/port.js';
import { isDemoProvider } from '../../core/payments/from-config.js';
import type { CheckoutRecord } from '../../core/payments/checkouts.js';
import type { Store } from '../../core/store/port.js';
import { CheckoutFulfilments } from '../../workers/checkout-fulfilment.js';
import { registerLespassFulfilments } from '../../workers/lespass.js';
import { stripeProcessor, stripeQueue } from '../../workers/stripe.js';
import { boot, type BootedNode } from './boot.js';

export interface EnqueuedJob {
  queue: string;
  name: string;
  data: any;
  jobId?: string;
}

export type RecordingJobs = Jobs & { enqueued: EnqueuedJob[] };

/** In-process jobs that also keep a copy of every enqueue (duplicates by job id included). */
export function recordingJobs(): RecordingJobs {
  const inner = createMemoryJobs();
  const enqueued: EnqueuedJob[] = [];
  return {
    ...inner,
    enqueued,
    enqueue<D>(queue: string, name: string, data: D, options?: EnqueueOptions) {
      enqueued.push({ queue, name, data: structuredClone(data), jobId: options?.jobId });
      return inner.enqueue(queue, name, data, options);
    },
  };
}

export interface LespassNode extends BootedNode {
  jobs: RecordingJobs;
  /** `email` jobs of one kind, distinct by job id, in enqueue order. */
  mails(name: 'ticket' | 'magic-link' | 'membership-receipt'): any[];
  /** Pays a demo checkout as a buyer would, and waits until its fulfilment ran. */
  pay(sessionId: string): Promise<CheckoutRecord>;
  /** Waits until a checkout is fulfilled (or flagged as needing attention). */
  settled(sessionId: string, predicate?: (c: CheckoutRecord) => boolean): Promise<CheckoutRecord>;
}

export async function bootLespass(options: { store?: 'memory' | 'mongo' | 'sqlite'; sharedStore?: Store; clock?: Clock; env?: Record<string, string>; uiDir?: string } = {}): Promise<LespassNode> {
  const jobs = recordingJobs();
  const node = await boot({ store: options.store, env: options.env, uiDir: options.uiDir, overrides: { jobs, clock: options.clock, store: options.sharedStore } });
  const { core } = node;
  const fulfilments = new CheckoutFulfilments();
  registerLespassFulfilments(core.lespass, fulfilments);
  await jobs.work(stripeQueue, stripeProcessor({ checkouts: core.checkouts, pass: core.pass, provider: core.payments, fulfilments, subscriptions: core.lespass.subscriptions }), { concurrency: 2 });

  const settled = async (sessionId: string, predicate = (c: CheckoutRecord) => Boolean(c.fulfilledAt || c.error)) => {
    for (let i = 0; i < 400; i++) {
      const checkout = await core.checkouts.get(sessionId);
      if (checkout && predicate(checkout)) return checkout;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`checkout ${sessionId} did not settle`);
  };
  return {
    ...node,
    jobs,
    mails: (name) => {
      const seen = new Set<string>();
      return jobs.enqueued.filter((j) => j.queue === 'email' && j.name === name && !seen.has(j.jobId ?? '') && seen.add(j.jobId ?? '')).map((j) => j.data);
    },
    async pay(sessionId) {
      if (!isDemoProvider(core.payments)) throw new Error('tests pay through the demo provider');
      await core.payments.complete(sessionId);
      return settled(sessionId);
    },
    settled,
    async close() {
      await node.close();
      await jobs.close();
    },
  };
}

/** The checkout session id at the end of a demo checkout URL. */
export function sessionOf(checkoutUrl: string): string {
  return decodeURIComponent(checkoutUrl.split('/demo-checkout/')[1] ?? '');
}

type Core = BootedNode['core'];

/** A published event tomorrow with the given prices (name, amount, quota, membersOnly). */
export async function eventWithPrices(
  core: Core,
  collectiveId: string,
  options: { capacity: number; prices: Array<{ name: string; amount: number; quota?: number | null; membersOnly?: boolean; payWhatYouWant?: boolean }>; title?: string },
) {
  const startsAt = core.clock.now() + 86_400_000;
  const event = await core.lespass.ticketing.events.create(collectiveId, { title: options.title ?? 'Concert', place: 'La Grange', startsAt, endsAt: startsAt + 3 * 3_600_000, capacity: options.capacity, published: true });
  const prices = [];
  for (const p of options.prices) prices.push(await core.lespass.ticketing.events.addPrice(collectiveId, event._id, { name: p.name, amount: p.amount, quota: p.quota ?? null, membersOnly: p.membersOnly ?? false, payWhatYouWant: p.payWhatYouWant ?? false }));
  return { event, prices };
}

/** A buyer as the booking service takes it (a user of the accounts service). */
export async function buyer(core: Core, email: string, signedIn = true) {
  const user = await core.lespass.users.findOrCreateByEmail(email, email.split('@')[0]);
  return { userId: user._id, email: user.email, holder: user.name ?? user.email, signedIn };
}

export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** Calls the node's HTTP API with JSON, an optional Cookie header, and no redirect following. */
export async function api(node: Pick<BootedNode, 'url'>, method: string, path: string, options: { body?: unknown; cookie?: string } = {}): Promise<ApiAnswer> {
  const res = await fetch(`${node.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.cookie ? { cookie: options.cookie } : {}) },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
  return { status: res.status, body, headers: res.headers };
}

/** The token of the last magic link mailed to `email`. */
export function magicTokenFor(node: LespassNode, email: string): string {
  const mail = node.mails('magic-link').filter((m) => m.to === email).pop();
  if (!mail) throw new Error(`no magic link mailed to ${email}`);
  return String(mail.url).split('/api/auth/magic/')[1];
}

/** Signs a person in the way a browser does (link mailed, link opened); returns the Cookie header value. */
export async function signIn(node: LespassNode, email: string, site?: string): Promise<string> {
  const asked = await api(node, 'POST', '/api/auth/magic-link', { body: { email, ...(site ? { site } : {}) } });
  if (asked.status !== 202) throw new Error(`magic link for ${email} answered ${asked.status}`);
  const opened = await api(node, 'GET', `/api/auth/magic/${magicTokenFor(node, email)}`);
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0];
  if (opened.status !== 303 || !cookie.startsWith('pass_user=')) throw new Error(`sign-in of ${email} answered ${opened.status}`);
  return cookie;
}
