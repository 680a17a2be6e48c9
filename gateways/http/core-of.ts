import type { Request } from 'express';
import type { Core } from '../../core/runtime/boot.js';

/** The node's core, set on the app by createHttpApp: middleware reach it without threading it. */
export function coreOf(req: Request): Core {
  return req.app.locals.core as Core;
}
