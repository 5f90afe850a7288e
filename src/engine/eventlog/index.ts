/**
 * The event-log wing: case/activity/timestamp logs against the journey — planned versus
 * actual times per touchpoint, the funnel and the journeys that stalled past the plan.
 */
export { eventLogFromTable, eventLogReport } from './eventLogReport.ts';
export type { EventLogReport } from './eventLogReport.ts';
export { funnelOf, probabilitiesFromFunnel } from './funnel.ts';
export { stalledJourneys } from './stalled.ts';
