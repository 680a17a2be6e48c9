export * from './errors.js';
export * from './ids.js';
export * from './canonical.js';
export * from './limits.js';
export { logger, type Logger } from './logger.js';
