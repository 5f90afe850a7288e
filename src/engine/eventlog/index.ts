/**
 * The event-log wing: case/activity/timestamp logs against the journey — planned versus
 * actual times per touchpoint, the funnel and the journeys that stalled past the plan, and the
 * journey a log shows (discoverJourney).
 */
export { eventLogFromTable, eventLogReport } from './eventLogReport.ts';
export type { EventLogReport } from './eventLogReport.ts';
export { funnelOf, probabilitiesFromFunnel } from './funnel.ts';
export { stalledJourneys } from './stalled.ts';
export { activityIds, caseTraces, discoverJourney, FEW_CASES } from './discoverJourney.ts';
export type { DiscoveredJourney, DiscoveryOptions, DiscoveryUnit } from './discoverJourney.ts';
