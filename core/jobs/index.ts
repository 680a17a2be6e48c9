export * from './port.js';
export { createMemoryJobs } from './memory.js';
