// Chooses the payment provider from the configuration: Stripe when its keys are set, otherwise
// the clearly labelled demo provider (embedded mode, trials). Never a silent mix of the two.
import type { Clock } from '../clock/port.js';
import type { Config } from '../config/config.js';
import type { Jobs } from '../jobs/port.js';
import type { Store } from '../store/port.js';
import { logger } from '../shared/logger.js';
import { createDemoProvider, type DemoProvider } from './demo.js';
import type { PaymentProvider } from './port.js';
import { enqueuePaymentEvent } from './queue.js';
import { createStripeProvider } from './stripe.js';

export function paymentProviderFromConfig(
  config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_URL' | 'PUBLIC_URL' | 'HOST' | 'PORT'>,
  deps: { store: Store; clock: Clock; jobs: Jobs },
): PaymentProvider | DemoProvider {
  if (config.STRIPE_SECRET_KEY) {
    if (!config.STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY');
    const api = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
    return createStripeProvider({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      host: api?.hostname,
      port: api?.port ? Number(api.port) : undefined,
      protocol: api ? (api.protocol.replace(':', '') as 'http' | 'https') : undefined,
    });
  }
  logger.warn('Stripe is not configured: online payments run in DEMO mode (no real money)');
  const publicUrl = (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
  return createDemoProvider({ store: deps.store, clock: deps.clock, publicUrl, deliver: async (event) => void (await enqueuePaymentEvent(deps.jobs, event)) });
}

export function isDemoProvider(provider: PaymentProvider): provider is DemoProvider {
  return provider.name === 'demo';
}
