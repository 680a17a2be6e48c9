// The archive of one closure: a ZIP (an open format) holding closure.json, z-tickets.json (the
// Z tickets whole, as stored: their hashes cover every field), z-tickets.csv (euros, French
// spreadsheet style) and manifest.json (each file's sha256) signed with Ed25519 (manifest.sig).
// `npm run verify-z -- archive.zip` checks it offline: signature, file hashes, the closure's own
// hash, each Z's hash and links, and the closure's totals recomputed from its Z tickets.
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chainHash } from '../shared/canonical.js';
import type { ZTicket } from '../pos/records.js';
import type { Collection, Store } from '../store/port.js';
import { csvTable } from '../documents/csv.js';
import { sumZ } from './service.js';
import type { PeriodClosure } from './types.js';
import { readZip, writeZip } from '../documents/zip.js';

export const archiveFormat = 'pass-closure-archive/1';

interface SigningKey {
  _id: string;
  privateKeyPem: string;
  publicKeyPem: string;
  createdAt: number;
}

/** The installation's archive signing key, made once and kept in the store. */
export async function archiveSigningKey(store: Store, now: number): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const keys: Collection<SigningKey> = store.collection<SigningKey>('signing_keys');
  const found = await keys.findOne({ _id: 'closure-archives' });
  if (found) return found;
  const pair = generateKeyPairSync('ed25519');
  const key: SigningKey = {
    _id: 'closure-archives', createdAt: now,
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  await keys.updateOne({ _id: key._id }, { $setOnInsert: { ...key } }, { upsert: true });
  return (await keys.findOne({ _id: key._id }))!; // a concurrent first use keeps one key
}

export function closureArchive(closure: PeriodClosure, zTickets: ZTicket[], key: { privateKeyPem: string; publicKeyPem: string }): Buffer {
  const files = [
    { name: 'closure.json', data: json(closure) },
    { name: 'z-tickets.json', data: json([...zTickets].sort((a, b) => a.posId.localeCompare(b.posId) || a.number - b.number)) },
    { name: 'z-tickets.csv', data: Buffer.from(zCsv(zTickets), 'utf8') },
  ];
  const manifest = {
    format: archiveFormat, collectiveId: closure.collectiveId, collectiveName: closure.collectiveName, kind: closure.kind, period: closure.period,
    closureHash: closure.hash, createdAt: closure.at, publicKey: key.publicKeyPem, keyFingerprint: fingerprint(createPublicKey(key.publicKeyPem)),
    files: files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const manifestData = json(manifest);
  const signature = sign(null, manifestData, key.privateKeyPem).toString('base64');
  return writeZip([...files, { name: 'manifest.json', data: manifestData }, { name: 'manifest.sig', data: Buffer.from(signature + '\n') }], closure.at);
}

export interface ArchiveCheck {
  ok: boolean;
  errors: string[];
  keyFingerprint?: string;
  closure?: { kind: string; period: string; zCount: number; net: number };
}

export function verifyClosureArchive(zip: Buffer): ArchiveCheck {
  let entries;
  try {
    entries = new Map(readZip(zip).map((e) => [e.name, e.data]));
  } catch (err) {
    return { ok: false, errors: [`unreadable archive: ${(err as Error).message}`] };
  }
  const manifestData = entries.get('manifest.json');
  const signature = entries.get('manifest.sig');
  if (!manifestData || !signature) return { ok: false, errors: ['manifest.json or manifest.sig is missing'] };
  const errors: string[] = [];
  const manifest = JSON.parse(manifestData.toString('utf8')) as { format: string; publicKey: string; keyFingerprint: string; files: Array<{ name: string; sha256: string }> };
  const publicKey = createPublicKey(manifest.publicKey);
  if (!verify(null, manifestData, publicKey, Buffer.from(signature.toString('utf8').trim(), 'base64'))) errors.push('the manifest signature does not match');
  if (manifest.format !== archiveFormat) errors.push(`unknown format ${manifest.format}`);
  for (const f of manifest.files) {
    const data = entries.get(f.name);
    if (!data) errors.push(`${f.name} is missing`);
    else if (sha256(data) !== f.sha256) errors.push(`${f.name} was altered (sha256 differs from the manifest)`);
  }
  const closure = JSON.parse(entries.get('closure.json')?.toString('utf8') ?? 'null') as PeriodClosure | null;
  const zTickets = JSON.parse(entries.get('z-tickets.json')?.toString('utf8') ?? '[]') as ZTicket[];
  if (!closure) return { ok: false, errors: [...errors, 'closure.json is missing'] };
  const { hash, ...body } = closure;
  if (chainHash(closure.prevHash, body) !== hash) errors.push('closure.json: content does not match its hash');
  errors.push(...checkZSegments(zTickets));
  const listed = closure.zTickets.map((z) => z.hash).sort().join();
  if (listed !== zTickets.map((z) => z.hash).sort().join()) errors.push('the Z tickets do not match those the closure lists');
  const recomputed = sumZ(zTickets);
  if (JSON.stringify(recomputed) !== JSON.stringify(closure.totals)) errors.push('the closure totals do not add up from its Z tickets');
  return { ok: errors.length === 0, errors, keyFingerprint: fingerprint(publicKey), closure: { kind: closure.kind, period: closure.period, zCount: zTickets.length, net: closure.totals.net } };
}

/** Each Z's own hash, and per POS consecutive numbers linked by prevHash (a period is a segment of the chain). */
function checkZSegments(zTickets: ZTicket[]): string[] {
  const errors: string[] = [];
  const byPos = new Map<string, ZTicket[]>();
  for (const z of zTickets) byPos.set(z.posId, [...(byPos.get(z.posId) ?? []), z]);
  for (const list of byPos.values()) {
    list.sort((a, b) => a.number - b.number);
    list.forEach((z, i) => {
      const { hash, ...body } = z;
      if (chainHash(z.prevHash, body) !== hash) errors.push(`Z ${z.posName} n° ${z.number}: content was altered`);
      const prev = list[i - 1];
      if (prev && (z.number !== prev.number + 1 || z.prevHash !== prev.hash)) errors.push(`Z ${z.posName} n° ${z.number}: not linked to n° ${prev.number}`);
    });
  }
  return errors;
}

function zCsv(zTickets: ZTicket[]): string {
  const header = ['Point de vente', 'Z n°', 'Journée', 'Ventes', 'Ventes TTC', 'Remboursements', 'Net TTC', 'Espèces', 'Carte', 'Pass', 'Grand total perpétuel', 'Empreinte'];
  const rows = [...zTickets].map((z) => [
    z.posName, z.number, z.businessDay, z.totals.salesCount, { cents: z.totals.sales }, { cents: z.totals.refunds.total }, { cents: z.totals.sales - z.totals.refunds.total },
    { cents: z.totals.byMethod.cash }, { cents: z.totals.byMethod.card }, { cents: z.totals.byMethod.pass }, { cents: z.grandTotal }, z.hash,
  ]);
  return csvTable(header, rows, { french: true });
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function fingerprint(key: KeyObject): string {
  return sha256(key.export({ type: 'spki', format: 'der' })).slice(0, 32);
}
