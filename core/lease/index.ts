export * from './port.js';
export { createMemoryLease } from './memory.js';
