export { CollectiveService } from './service.js';
export { VillageService } from './villages.js';
export * from './types.js';
export {
  collectiveInputSchema,
  collectiveUpdateSchema,
  villageInputSchema,
  isIanaTimezone,
  slugify,
  reservedSlugs,
  type CollectiveInput,
  type CollectiveUpdate,
  type VillageInput,
} from './schemas.js';
