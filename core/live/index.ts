export { startLiveModule, type LiveModule } from './module.js';
export { applyRow, emptyBoard, type BoardSnapshot } from './board.js';
export { boardChannel, collectiveActorKind, type BoardDelta } from './collective-actor.js';
export { rowEventsChannel, type RowEvent } from './row-event.js';
export { localDay, localHour, startOfLocalDay } from './local-time.js';
export { businessDayOf, defaultDayCutoffMinutes, startOfBusinessDay, startOfNextBusinessDay, type DayCalendar } from './business-day.js';
