export * from './port.js';
export { createMemoryBus } from './memory.js';
