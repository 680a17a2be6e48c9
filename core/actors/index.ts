export * from './port.js';
export { ActorSystem, leaseKey, type ActorSystemOptions } from './system.js';
