export { ClosureService, closureId, sumZ, type ClosingCollectiveInfo } from './service.js';
export { closureArchive, verifyClosureArchive, archiveSigningKey, archiveFormat, type ArchiveCheck } from './archive.js';
export { periodBounds, lastEnded } from './periods.js';
export type { PeriodClosure, ClosureKind, ClosureTotals } from './types.js';
