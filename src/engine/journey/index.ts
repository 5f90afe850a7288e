/**
 * The journey wing: what a journey is and how it is checked. The touchpoint model and its
 * types, validation of a typed sheet into touchpoints (times, links, probabilities, groups), the
 * journey CSV in and out, the dependency graph (order, cycles), the limits of the number
 * settings and the example journey.
 */
export { capProblems, MAX_LISTED_PROBLEMS, problemCount } from './capProblems.ts';
export { parseTime } from './cellText.ts';
export { coerceJourney } from './coerceJourney.ts';
export { exampleJourney, exampleSettings } from './exampleJourney.ts';
export { finishComparison, scenarioDifferences, targetComparison } from './scenarioDifferences.ts';
export type { FieldChange, ScenarioDifference } from './scenarioDifferences.ts';
export { cycleTangles, predecessorLinks, strongComponents, topologicalOrder, transitiveReduction } from './graph.ts';
export { headerName, isJourneyHeader, journeyToCsv, parseJourneyCsv } from './journeyCsv.ts';
export { DISTRIBUTION_KINDS } from './types.ts';
export { SETTING_KEYS, SETTING_LABELS, SETTING_LIMITS, VALUE_SETTING_LIMITS, settingMessage, settingProblem, settingsProblems, valueSettingProblem, withinSettingLimits } from './settingsProblems.ts';
export type { NumberSetting, SettingLimit, ValueSetting } from './settingsProblems.ts';
export type { Correlation, CorrelationInput, CumulativeCurve, Dependency, DistributionKind, Improvement, PertAnalysis, Problem, Settings, SimulationResult, Touchpoint, TouchpointField, TouchpointInput } from './types.ts';
