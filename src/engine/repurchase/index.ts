/**
 * The re-purchase wing: who will buy again and what they are worth — customer summaries,
 * BG/NBD and Gamma–Gamma fits (with their limits, the beta-geometric/Poisson and steady spend)
 * and forecasts, the check before any figure is shown, holdout checks, RFM segments and
 * regulars, and the report (and its compact wire form) the Customers section refits.
 */
export { fitBgNbd } from './bgnbd.ts';
export { fitMbgNbd } from './mbgnbd.ts';
export { fitParetoNbd } from './paretoNbd.ts';
export { chooseModel, compareModels, fitRepeatModels, MODEL_NAMES, REPEAT_MODEL_KINDS, repeatModel } from './repeatModels.ts';
export type { FittedModel, ModelComparison, RepeatModel, RepeatModelKind } from './repeatModels.ts';
export type { CustomerSummary } from './bgnbd.ts';
export { simulateBgNbdCustomer } from './bgnbdSimulation.ts';
export { fitGammaGamma } from './gammaGamma.ts';
export { packRepurchaseReport, packedBuffers, unpackRepurchaseReport } from './packRepurchaseReport.ts';
export type { PackedRepurchaseReport } from './packRepurchaseReport.ts';
export { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport, settingsProblem } from './repurchaseReport.ts';
export type { CustomerFigures, RegularCustomer, RepurchaseInput, RepurchaseReport, RepurchaseSettings } from './repurchaseReport.ts';
export { RFM_SEGMENTS, SEGMENT_ADVICE } from './rfm.ts';
export { summarizeCustomers } from './summarizeCustomers.ts';
export type { TimeUnit, Transactions } from './summarizeCustomers.ts';
export { defaultCalibrationEnd } from './defaultCalibrationEnd.ts';
