// LaBoutik's words, in French (the reference) and English. The English dictionary has the
// type of the French one, so a missing key is a compile error. Refusals from the server are
// shown by their code (failureReason), never by the raw English message alone.
import { getLang, translator } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { en } from './messages.en.js';
import { fr } from './messages.fr.js';
import type { Failure } from './protocol.js';

type Key = keyof typeof fr;

export const t = translator<Key>({ fr, en });

/** The cashier-facing reason of a refusal, from its code (the `missing` amount when funds fall short). */
export function failureReason(failure: Pick<Failure, 'code' | 'message'> & { missing?: unknown; limit?: unknown }): string {
  if (failure.code === 'INSUFFICIENT_FUNDS') {
    const missing = failure.missing;
    return typeof missing === 'number' && Number.isSafeInteger(missing) && missing > 0
      ? t('error.INSUFFICIENT_FUNDS', { missing: formatMoney(missing, getLang()) })
      : t('error.INSUFFICIENT_FUNDS_plain');
  }
  const key = `error.${failure.code}`;
  const limit = (failure as { limit?: unknown }).limit;
  const params = typeof limit === 'number' && Number.isSafeInteger(limit) ? { limit: formatMoney(limit, getLang()) } : undefined;
  return key in fr ? t(key as Key, params) : t('error.unknown');
}

export function assetKindLabel(kind: string): string {
  const key = `asset.${kind}`;
  return key in fr ? t(key as Key) : kind;
}
