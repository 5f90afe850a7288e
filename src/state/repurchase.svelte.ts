/**
 * The re-purchase models of the open customer file: the settings a person chose (calibration
 * end, unit, CLV horizon, discount rate), the report for them, and refits (by the compute
 * service, in a worker). The last good report stays on screen while a refit runs and when new
 * settings cannot be used.
 */
import { settingsProblem } from '../engine/repurchase/index.ts';
import type { RepurchaseInput, RepurchaseReport, RepurchaseSettings } from '../engine/repurchase/index.ts';
import type { ComputeService } from './computeService.ts';

export class Repurchase {
  report = $state.raw<RepurchaseReport | null>(null);
  /** The settings form: what the person is typing, applied by refit(draft). */
  draft = $state<RepurchaseSettings>({ calibrationEnd: '', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1, model: 'best' });
  fitting = $state(false);
  /** A plain sentence about the last settings that could not be used ('' when none). */
  message = $state('');
  private input: RepurchaseInput | undefined;

  constructor(private readonly service: ComputeService) {}

  /** Shows the report computed with the file and keeps its input for refits. */
  open(input: RepurchaseInput, report: RepurchaseReport): void {
    this.service.cancelRefit();
    this.input = input;
    this.report = report;
    this.draft = { model: 'best', ...report.settings, calibrationEnd: report.calibrationEnd };
    this.message = '';
    this.fitting = false;
  }

  clear(): void {
    this.service.cancelRefit();
    this.input = undefined;
    this.report = null;
    this.message = '';
    this.fitting = false;
  }

  /** Refits for `settings`; bad settings get a message and change nothing. */
  async refit(settings: RepurchaseSettings): Promise<void> {
    const problem = settingsProblem(settings);
    if (problem) { this.message = problem; return; }
    if (!this.input) return;
    this.fitting = true;
    this.message = '';
    const result = await this.service.refit(this.input, { ...settings });
    if (result === undefined) return;
    this.fitting = false;
    if (result.ok) this.report = result;
    else this.message = result.message;
  }

  cancel(): void {
    this.service.cancelRefit();
    this.fitting = false;
  }
}
