export * from './types.js';
export { productInputSchema, productUpdateSchema, answersSchema, checkAnswers, type ProductInput, type ProductUpdate } from './schemas.js';
export { MembershipProducts, validUntilOf, addUtcMonths, productView } from './products.js';
export { Members, memberView, memberIdOf, maxExportRows, type AddMemberInput, type MemberQuery, type Person } from './members.js';
export { MembershipOrders } from './orders.js';
export { membersCsv, toCsv, euros, iso } from './csv.js';
export { startMemberships, type Memberships, type MembershipsDeps } from './module.js';
