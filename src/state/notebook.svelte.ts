/**
 * The open notebook as one piece of state: the workbook and its scenario store, the live
 * computation, the customer data and its import, the comparison of two scenarios and the
 * stalled-journeys run, all over one compute service. It also decides when things happen, so
 * App.svelte only lays the sections out:
 *
 * - the sheet marks bad cells as soon as an edit is committed; everything else that follows
 *   from the rows (network, charts' names, the next run, the correlations check) reads them a
 *   task later, so the key press that commits a cell stays short on 1,000 touchpoints;
 * - the network gets new results a frame after the sheet and the figures, so its 1,000 nodes are
 *   redrawn in a task of their own after the new figures are painted; its layout is made in a
 *   worker (networkDrawing.svelte.ts) and follows when it is ready;
 * - every edit of rows or settings is saved (the store ignores changes that are only loads).
 */
import { untrack } from 'svelte';
import type { PertAnalysis, SimulationResult, Touchpoint } from '../engine/journey/index.ts';
import { Computation } from './computation.svelte.ts';
import { ScenarioComparison } from './comparison.svelte.ts';
import { ComputeService } from './computeService.ts';
import { CustomerImport } from './customerImport.svelte.ts';
import { CustomerData } from './customers.svelte.ts';
import { JourneyReach } from './journeyReach.svelte.ts';
import { NetworkDrawingState } from './networkDrawing.svelte.ts';
import { ScenarioStore } from './scenarios.svelte.ts';
import { Workbook } from './workbook.svelte.ts';

/** "Where to improve" shortens each touchpoint's times by 10%. */
export const IMPROVEMENT_FACTOR = 0.9;

interface Results { pert: PertAnalysis | null; simulation: SimulationResult | null }

export class Notebook {
  readonly workbook = new Workbook();
  readonly store = new ScenarioStore(this.workbook);
  readonly computation: Computation;
  readonly customers: CustomerData;
  readonly importer: CustomerImport;
  readonly comparison: ScenarioComparison;
  /** The network's drawing, laid out off the page. */
  readonly network: NetworkDrawingState;
  private readonly reach: JourneyReach;
  /** Whether the store has restored what was open (edits are saved from then on). */
  ready = $state(false);

  /** The rows everything but the sheet has caught up with. */
  private validatedRows = $state.raw(untrack(() => this.workbook.rows));
  /** The row keys of each validated journey's touchpoints, by its touchpoints array (what the computation gets). */
  private readonly keysOfTouchpoints = new WeakMap<readonly Touchpoint[], readonly string[]>();
  /** The validated journey, as of `validatedRows`. */
  readonly journey = $derived.by(() => {
    void this.validatedRows;
    const journey = untrack(() => this.workbook.journey);
    this.keysOfTouchpoints.set(journey.touchpoints, journey.keys);
    return journey;
  });
  readonly correlationStatus = $derived.by(() => {
    void this.validatedRows;
    void this.workbook.correlations;
    return untrack(() => this.workbook.correlationStatus);
  });
  // Ids and names as one string: an edit of a time leaves it equal, so the charts that show
  // names are not redrawn for it.
  private readonly labelList = $derived(this.journey.touchpoints.map((t) => `${t.id}\u0001${t.name || t.id}`).join('\u0002'));
  readonly nameById = $derived(new Map(this.labelList === '' ? [] : this.labelList.split('\u0002').map((pair) => pair.split('\u0001') as [string, string])));
  /** The touchpoints' names in the order of the shown results' ids. */
  readonly names = $derived.by(() => this.computation.simulation?.ids.map((id) => this.nameById.get(id) ?? id) ?? []);

  /**
   * The scenario the shown results were computed for. While a journey has problems the last good
   * results stay on screen, dimmed, but only within one scenario: opening another (a new blank
   * one, or one with a cycle) never shows the previous scenario's figures under it.
   */
  private resultsScenario = $state<string | undefined>(undefined);
  private readonly foreign = $derived(this.journey.problems.length > 0 && this.resultsScenario !== this.store.openId);
  /** The results to show for the open scenario (null while there are none for it). */
  readonly simulation = $derived.by(() => (this.foreign ? null : this.computation.simulation));
  readonly pert = $derived.by(() => (this.foreign ? null : this.computation.pert));
  /**
   * The row key of each touchpoint in the shown results, in their order: the sheet shows a row's
   * figures by its key, so a row that takes another row's ID never shows that row's figures.
   */
  readonly resultKeys = $derived.by(() => {
    const touchpoints = this.computation.shownTouchpoints;
    return touchpoints ? this.keysOfTouchpoints.get(touchpoints) ?? null : null;
  });
  /** What the network draws: the results, a frame and a task after they arrive (nothing while the journey has problems). */
  networkResults = $state.raw<Results>({ pert: null, simulation: null });
  private readonly networkWanted = $derived<Results>(this.journey.problems.length > 0 ? { pert: null, simulation: null } : { pert: this.pert, simulation: this.simulation });

  /** Whether an event log is open, so its stalled journeys need the plan's reach. */
  private readonly eventLogOpen = $derived.by(() => {
    const { report, dataset } = this.customers;
    return report?.ok === true && report.kind === 'event-log' && dataset?.kind === 'event-log';
  });
  /** The journey's simulation for the Customers section: with each touchpoint's reach once that run is in. */
  readonly customersSimulation = $derived.by(() => (this.reach.simulation?.reach ? this.reach.simulation : this.simulation));

  constructor(readonly service = new ComputeService()) {
    this.computation = new Computation(service.journey, IMPROVEMENT_FACTOR);
    this.customers = new CustomerData(service);
    this.importer = new CustomerImport(this.customers, service);
    this.comparison = new ScenarioComparison(this.store, service.comparison);
    this.reach = new JourneyReach(service.reach);
    this.network = new NetworkDrawingState(service);
  }

  /** Opens storage: the last scenario (or a share link in the address) and the customer datasets. */
  async open(location: Location, history: History): Promise<void> {
    const restored = this.store.start(location, history);
    void this.importer.start();
    await restored;
    this.ready = true;
  }

  /**
   * The effects that decide when to recompute, redraw and save; call once while the page is
   * set up. Returns the function that stops them.
   */
  schedule(): () => void {
    return $effect.root(() => {
      $effect(() => {
        void this.workbook.rows;
        void this.workbook.correlations;
        void JSON.stringify(this.workbook.settings);
        void this.store.name;
        void this.workbook.selectedId;
        if (this.ready) this.store.changed();
      });

      $effect(() => {
        const rows = this.workbook.rows;
        if (rows === untrack(() => this.validatedRows)) return;
        const timer = setTimeout(() => { this.validatedRows = rows; }, 0);
        return () => clearTimeout(timer);
      });

      $effect(() => {
        void this.computation.version;
        this.resultsScenario = untrack(() => this.store.openId);
      });

      $effect(() => {
        const { pert, simulation } = this.networkWanted;
        if (pert === untrack(() => this.networkResults.pert) && simulation === untrack(() => this.networkResults.simulation)) return;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const frame = requestAnimationFrame(() => { timer = setTimeout(() => { this.networkResults = { pert, simulation }; }, 0); });
        return () => { cancelAnimationFrame(frame); clearTimeout(timer); };
      });

      $effect(() => {
        const { touchpoints, problems } = this.journey;
        const settings = { ...this.workbook.settings };
        this.computation.update(touchpoints, problems, settings, this.correlationStatus.usable);
      });

      $effect(() => {
        const { touchpoints } = this.journey;
        const criticalPath = this.networkResults.pert?.criticalPath;
        untrack(() => this.network.update(touchpoints, criticalPath));
      });

      $effect(() => {
        const open = this.store.openId;
        untrack(() => this.comparison.opened(open));
      });

      $effect(() => {
        if (!this.eventLogOpen) return;
        const { touchpoints, problems } = this.journey;
        const settings = { ...this.workbook.settings };
        const correlations = this.correlationStatus.usable;
        untrack(() => this.reach.update(touchpoints, problems.length, settings, correlations));
      });
      $effect(() => {
        if (!this.eventLogOpen) return;
        return () => this.reach.stop();
      });
    });
  }
}
