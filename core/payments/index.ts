export * from './port.js';
export { createStripeProvider, normaliseStripeEvent, type StripeProviderOptions } from './stripe.js';
export { createDemoProvider, type DemoProvider, type DemoProviderOptions, type DemoSessionDoc } from './demo.js';
export { demoCheckoutPage, type DemoPageSession } from './demo-page.js';
export { Checkouts, type CheckoutRecord, type CheckoutState } from './checkouts.js';
export { enqueuePaymentEvent, paymentJobOptions, paymentQueue } from './queue.js';
export { paymentProviderFromConfig, isDemoProvider } from './from-config.js';
export { startCheckout } from './start-checkout.js';
export { receivePaymentWebhook, type WebhookAnswer } from './webhook.js';
