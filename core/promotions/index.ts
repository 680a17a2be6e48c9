export { PromoCodes, promoView, type PromoClaim } from './promo-codes.js';
export { PromoDiscount, inScope } from './discount.js';
export { promoInputSchema, promoUpdateSchema, promoCodeText, type PromoInput, type PromoUpdate } from './schemas.js';
export type { PromoCode, PromoTarget, PromoUse } from './types.js';
export { linesAfterDiscount, promoNotApplicable, sumTerms, termsMetadata, termsOf, type PurchaseTerms } from './terms.js';
export { chosenPrice } from './pay-what-you-want.js';
