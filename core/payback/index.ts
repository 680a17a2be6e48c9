export { PaybackService, type Payback, type PaybackPart, type PaybackDeps } from './service.js';
export { PaybackPolicies, type PaybackPolicy } from './policy.js';
