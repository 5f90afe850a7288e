import { describe, expect, it } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import { EXPORT_VERSION, readScenarioExport, scenarioExport, scenarioFingerprint, scenariosNotHere } from '../../src/state/scenarioExport.ts';
import fixtureV1 from '../fixtures/scenario-v1.json';

const example: ScenarioPayload = {
  v: SCENARIO_VERSION, name: 'Example', settings: exampleSettings, rows: exampleJourney, correlations: [{ ids: 'RV CM', rho: '0.5' }],
};

describe('the "Export all" file', () => {
  it('reads back every scenario it was written with, restored', () => {
    const text = scenarioExport([example, { ...example, name: 'Second' }]);
    expect(JSON.parse(text).v).toBe(EXPORT_VERSION);
    const reading = readScenarioExport(text);
    expect(reading).toEqual({ ok: true, scenarios: [example, { ...example, name: 'Second' }], problems: [] });
  });

  it('migrates an old scenario inside an export like any other load', () => {
    const reading = readScenarioExport(JSON.stringify({ v: 1, scenarios: [fixtureV1] }));
    expect(reading.ok && reading.scenarios[0]).toMatchObject({ v: SCENARIO_VERSION, name: fixtureV1.name, correlations: [] });
  });

  it('reads a single scenario JSON as a list of one', () => {
    const reading = readScenarioExport(JSON.stringify(example));
    expect(reading).toEqual({ ok: true, scenarios: [example], problems: [] });
  });

  it('keeps the good scenarios of an export and names the problem of a damaged one', () => {
    const reading = readScenarioExport(JSON.stringify({ v: 1, scenarios: [example, { v: SCENARIO_VERSION, name: 'Broken' }] }));
    expect(reading.ok && reading.scenarios.map((s) => s.name)).toEqual(['Example']);
    expect(reading.ok && reading.problems).toEqual(['The scenario has no settings.']);
  });

  it('refuses an export from a newer Waypoint with a plain sentence and nothing to import', () => {
    const reading = readScenarioExport(JSON.stringify({ v: EXPORT_VERSION + 1, scenarios: [example] }));
    expect(reading).toEqual({
      ok: false,
      message: `That file was exported by a newer Waypoint (export version ${EXPORT_VERSION + 1}); reload the app to update it, then import again. Nothing was imported.`,
    });
  });

  it('refuses an export whose version is unknown or missing', () => {
    expect(readScenarioExport(JSON.stringify({ v: 0, scenarios: [example] })))
      .toEqual({ ok: false, message: "That file's export version (0) is not one Waypoint knows. Nothing was imported." });
    expect(readScenarioExport(JSON.stringify({ v: '1', scenarios: [example] })))
      .toEqual({ ok: false, message: 'That export has no version number, so Waypoint cannot tell how to read it. Nothing was imported.' });
    expect(readScenarioExport(JSON.stringify({ scenarios: [example] })).ok).toBe(false);
  });

  it('refuses a file that is not JSON', () => {
    expect(readScenarioExport('{"v":1,"scenarios":')).toEqual({ ok: false, message: 'That file is not a Waypoint export (it is not JSON). Nothing was imported.' });
  });
});

describe('scenarios already here', () => {
  const base: ScenarioPayload = { v: SCENARIO_VERSION, name: 'Plan', settings: { ...exampleSettings }, rows: exampleJourney.slice(0, 3), correlations: [] };

  it('leaves out a scenario identical to a stored one, and a repeat within the file', () => {
    const changed = { ...base, rows: base.rows.map((row, k) => (k === 1 ? { ...row, mostLikely: '3' } : row)) };
    const { fresh, alreadyHere } = scenariosNotHere([{ ...base, rows: base.rows.map((row) => ({ ...row })) }, changed, changed], [base]);
    expect(fresh).toEqual([changed]);
    expect(alreadyHere).toBe(2);
  });

  it('tells scenarios apart by name, settings and correlations as well as rows', () => {
    const others = [{ ...base, name: 'Plan B' }, { ...base, settings: { ...base.settings, seed: 2 } }, { ...base, correlations: [{ ids: 'AD SE', rho: '0.5' }] }];
    expect(scenariosNotHere(others, [base])).toEqual({ fresh: others, alreadyHere: 0 });
    expect(scenarioFingerprint(base)).toBe(scenarioFingerprint({ ...base, rows: base.rows.map((row) => ({ ...row, name: ` ${row.name} ` })) }));
  });
});
