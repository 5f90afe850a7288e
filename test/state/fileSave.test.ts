import { describe, expect, it } from 'vitest';
import {
  REMINDER_MS, fileNameFor, readWaypointFile, recordEdited, recordSaved, reminderDue, scenarioFileText,
} from '../../src/state/fileSave.ts';
import { scenarioExport } from '../../src/state/scenarioExport.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';

const scenario: ScenarioPayload = {
  v: SCENARIO_VERSION, name: 'Launch plan', settings: exampleSettings, rows: exampleJourney, correlations: [],
};

describe('fileNameFor', () => {
  it('names the file after the scenario, with the .waypoint.json ending', () => {
    expect(fileNameFor('Subscription journey')).toBe('Subscription-journey.waypoint.json');
    expect(fileNameFor('  ///  ')).toBe('journey.waypoint.json');
  });
});

describe('readWaypointFile', () => {
  it('reads back exactly the scenario a saved file holds', () => {
    const reading = readWaypointFile('a.waypoint.json', scenarioFileText(scenario));
    expect(reading.ok && reading.scenarios).toEqual([scenario]);
  });

  it('reads every scenario of a file saved with all of them', () => {
    const reading = readWaypointFile('all.waypoint.json', scenarioExport([scenario, { ...scenario, name: 'Second' }]));
    expect(reading.ok && reading.scenarios.map((s) => s.name)).toEqual(['Launch plan', 'Second']);
  });

  it('refuses a damaged file with a sentence naming it, and nothing to open', () => {
    const cut = scenarioFileText(scenario).slice(0, 40);
    const reading = readWaypointFile('broken.waypoint.json', cut);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.message).toMatch(/^broken\.waypoint\.json: .*not JSON.*Nothing was opened; your notebook is unchanged\.$/);
  });

  it('refuses a JSON file that holds no valid scenario, saying why', () => {
    const reading = readWaypointFile('odd.waypoint.json', JSON.stringify({ v: SCENARIO_VERSION, name: 'x', settings: {}, rows: 'no' }));
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.message).toMatch(/^odd\.waypoint\.json could not be opened: .+ Nothing was opened/);
  });
});

describe('the reminder of edits not in a file', () => {
  const saved = recordSaved('a.waypoint.json', 1000);

  it('is not due while there is no edit since the save', () => {
    expect(saved.dirtySince).toBeUndefined();
    expect(reminderDue(saved, 1000 + 2 * REMINDER_MS)).toBe(false);
  });

  it('counts from the first edit after the save, and is due a day later', () => {
    const later = recordEdited(recordEdited(saved, 5000), 9000);
    expect(later.dirtySince).toBe(5000);
    expect(reminderDue(later, 5000 + REMINDER_MS - 1)).toBe(false);
    expect(reminderDue(later, 5000 + REMINDER_MS)).toBe(true);
  });

  it('starts again with the next save', () => {
    expect(reminderDue(recordSaved('a.waypoint.json', 7000), 5000 + 2 * REMINDER_MS)).toBe(false);
  });

  it('covers a scenario never saved to a file', () => {
    expect(reminderDue(recordEdited(undefined, 0), REMINDER_MS)).toBe(true);
    expect(reminderDue(undefined, REMINDER_MS)).toBe(false);
  });
});
