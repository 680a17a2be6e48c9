export { SubscriptionService, graceMs, statusOf, subscriptionView, type SubscriptionOutcome } from './service.js';
export type { Subscription, SubscriptionStatus } from './types.js';
