// Starting a checkout: the provider's session, then our record of it, so every later event
// (including a refund that names only the payment intent) finds what was bought. That record is
// the only source of what a payment delivers: amount, currency, wallet and kind are never
// taken from an event.
import { AppError } from '../shared/errors.js';
import type { Checkouts } from './checkouts.js';
import { checkoutTotal, type CheckoutRequest, type CheckoutSession, type PaymentProvider } from './port.js';

export async function startCheckout(provider: PaymentProvider, checkouts: Checkouts, request: CheckoutRequest): Promise<CheckoutSession> {
  if (!request.metadata.kind) throw new AppError('INVALID_INPUT', 'checkout metadata needs a kind (topup, ticket, membership...)');
  const amountTotal = checkoutTotal(request);
  const session = await provider.createCheckout(request);
  await checkouts.open({ sessionId: session.sessionId, provider: provider.name, reference: request.reference, metadata: { ...request.metadata, reference: request.reference }, amountTotal, currency: session.currency ?? 'eur' });
  return session;
}
