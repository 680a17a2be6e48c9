export { AccountService, accountInputSchema, emailSchema, passwordSchema, type AccountInput } from './service.js';
export { SessionService, sessionTtlMs, type OpenedSession } from './sessions.js';
export { canAdminCollective, assertCanAdminCollective, assertOperator } from './access.js';
export { hashPassword, verifyPassword } from './password.js';
export type { Account, Principal, Role } from './types.js';
export { LoginThrottle, loginThrottleRules } from './login-throttle.js';
