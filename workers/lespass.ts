// Plugs Lespass purchases into the `stripe` queue's registry: paid checkouts of kind
// `booking`, `membership` and `basket` are delivered by core/lespass/fulfilment.ts. A basket
// hands its top-up line to the registry's own `topup` fulfilment (exactly-once credit).
import type { Lespass } from '../core/lespass/module.js';
import { checkoutFulfilments, type CheckoutFulfilments, type FulfilmentContext } from './checkout-fulfilment.js';

export const lespassKinds = ['booking', 'membership', 'basket'] as const;

export function registerLespassFulfilments(lespass: Pick<Lespass, 'fulfilments'>, registry: CheckoutFulfilments = checkoutFulfilments): void {
  const handlers = lespass.fulfilments<FulfilmentContext>((kind) => registry.get(kind));
  for (const kind of lespassKinds) registry.register(kind, handlers[kind]);
  // A subscription's checkout delivers nothing itself: each invoice.paid extends it (core/subscriptions).
  registry.register('subscription', { fulfil: async (checkout) => ({ subscriptionId: checkout.metadata.subscriptionId ?? null }) });
}
