// Sign-in of the public by email: a magic link. Invariants: the token is random (32 bytes) and
// only its sha256 is stored, so a copy of the database opens nothing; a link works once
// (guarded update on `usedAt`) and for 15 minutes; requests are rate-limited per email and
// per IP (store counters, shared by every node); the answer to a request never says whether
// the email is known. The link's URL is built from the configured public URL, never from a
// request's Host header (which would let anyone send a victim a link to their own server).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/port.js';
import type { Jobs } from '../jobs/port.js';
import { enqueueMagicLinkMail } from '../lespass/mail-jobs.js';
import { documentLang } from '../shared/document-lang.js';
import { sha256Hex } from '../shared/canonical.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Collection, Store } from '../store/port.js';
import type { StoreRateLimiter } from './rate-limit.js';
import { emailSchema } from './service.js';
import type { User, UserService } from './users.js';

export const magicLinkTtlMs = 15 * 60_000;
export const magicLinkRules = {
  perEmail: { max: 5, windowMs: 15 * 60_000 },
  perIp: { max: 30, windowMs: 15 * 60_000 },
} as const;

export interface MagicLinkRequest {
  email: string;
  /** The Lespass site asking (its slug and name): the mail names it, the link returns to it. */
  site?: { slug: string; name: string; lang?: 'fr' | 'en' };
  ip?: string;
  /** The language of the page that asked (the person's), first choice for the mail. */
  lang?: string;
}

export interface VerifiedLink {
  user: User;
  siteSlug: string | null;
}

interface MagicLinkDoc {
  _id: string; // sha256 of the token
  linkId: string;
  email: string;
  siteSlug: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt?: number;
}

export class MagicLinks {
  private readonly docs: Collection<MagicLinkDoc>;

  constructor(
    store: Store,
    private readonly deps: { clock: Clock; jobs: Jobs; users: UserService; limiter: StoreRateLimiter; publicUrl: string },
  ) {
    this.docs = store.collection<MagicLinkDoc>('magic_links');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'expires', keys: { expiresAt: 1 } }]);
  }

  /** Mails a sign-in link; RATE_LIMITED past the limits. Returns the link id (the mail job's key). */
  async request(input: MagicLinkRequest): Promise<{ linkId: string; expiresAt: number }> {
    const parsed = emailSchema.safeParse(input.email);
    if (!parsed.success) throw new AppError('INVALID_INPUT', 'must be an email address', { fields: { email: 'must be an email address' } });
    const email = parsed.data;
    if (input.ip) await this.deps.limiter.hit(`magic-link:ip:${input.ip}`, magicLinkRules.perIp);
    await this.deps.limiter.hit(`magic-link:email:${email}`, magicLinkRules.perEmail);
    const now = this.deps.clock.now();
    const token = randomBytes(32).toString('base64url');
    const doc: MagicLinkDoc = { _id: sha256Hex(token), linkId: newId('ml_'), email, siteSlug: input.site?.slug ?? null, createdAt: now, expiresAt: now + magicLinkTtlMs };
    await this.docs.insertOne(doc);
    await this.docs.deleteMany({ expiresAt: { $lt: now - magicLinkTtlMs } });
    await enqueueMagicLinkMail(this.deps.jobs, {
      linkId: doc.linkId,
      to: email,
      url: `${this.deps.publicUrl}/api/auth/magic/${token}`,
      collectiveName: input.site?.name,
      expiresInMinutes: Math.round(magicLinkTtlMs / 60_000),
      lang: documentLang(input.lang, input.site?.lang),
    });
    return { linkId: doc.linkId, expiresAt: doc.expiresAt };
  }

  /**
   * Uses a link: the user of its email (created on first sign-in). UNAUTHORIZED when the token is
   * unknown, used or expired; `details.siteSlug` then says where the link came from, if known.
   */
  async verify(token: string): Promise<VerifiedLink> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw invalidLink(null);
    const now = this.deps.clock.now();
    const id = sha256Hex(token);
    // Single use: of two clicks racing, only one update matches.
    const { matched } = await this.docs.updateOne({ _id: id, usedAt: { $exists: false }, expiresAt: { $gt: now } }, { $set: { usedAt: now } });
    const doc = await this.docs.findOne({ _id: id });
    if (!matched || !doc) throw invalidLink(doc?.siteSlug ?? null);
    const user = await this.deps.users.findOrCreateByEmail(doc.email);
    return { user, siteSlug: doc.siteSlug };
  }
}

function invalidLink(siteSlug: string | null): AppError {
  return new AppError('UNAUTHORIZED', 'this sign-in link is invalid, used or expired: ask for a new one', { siteSlug });
}
