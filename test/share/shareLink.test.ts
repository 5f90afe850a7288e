import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import { randomSfc32 } from '../../src/engine/math/random.ts';
import { SCENARIO_VERSION, restoreScenario } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import { MAX_LINK_LENGTH, decodeShareFragment, encodeShareFragment, fromBase64Url, inflateBounded, shareLinkProblem, toBase64Url } from '../../src/share/shareLink.ts';

const example: ScenarioPayload = { v: SCENARIO_VERSION, name: 'Subscription journey', settings: exampleSettings, rows: exampleJourney, correlations: [] };

function bigJourney(count: number): ScenarioPayload {
  const rows = Array.from({ length: count }, (_, k) => ({
    id: `T${k}`, name: `Touchpoint number ${k}`, stage: ['awareness', 'consideration', 'purchase'][k % 3],
    optimistic: String(1 + (k % 5)), mostLikely: String(3 + (k % 7)), pessimistic: String(11 + (k % 9)),
    distribution: 'beta-pert', dependsOn: k ? `T${k - 1}${k > 3 ? ` T${k - 3}+${k % 4}` : ''}` : '',
    probability: k % 5 === 0 ? '25%' : '', group: k % 7 === 0 ? 'G' : '',
  }));
  return { ...example, name: 'Big', rows };
}

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `s${SCENARIO_VERSION}.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

describe('share links', () => {
  it('round-trip the example scenario exactly', async () => {
    const fragment = await encodeShareFragment(example);
    expect(await decodeShareFragment(`#${fragment}`)).toEqual({ ok: true, scenario: example });
  });

  it('carry correlations, probabilities, groups and lags', async () => {
    const branched: ScenarioPayload = {
      ...bigJourney(12), name: 'Branched',
      correlations: [{ ids: 'T1 T2 T3', rho: '0.6' }, { ids: 'T4;T5', rho: '-0.2' }],
    };
    expect(await decodeShareFragment(await encodeShareFragment(branched))).toEqual({ ok: true, scenario: branched });
  });

  it('open a version 1 link made before probabilities, groups and correlations', async () => {
    // Made by the version 1 encoder from test/fixtures/scenario-v1.json.
    const link = readFileSync(new URL('../fixtures/share-link-v1.txt', import.meta.url), 'utf8').trim();
    expect(link.startsWith('s1.')).toBe(true);
    const result = await decodeShareFragment(link);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.v).toBe(SCENARIO_VERSION);
    expect(result.scenario.name).toBe('Version 1 fixture');
    expect(result.scenario.correlations).toEqual([]);
    expect(result.scenario.rows.map((row) => [row.id, row.dependsOn, row.probability, row.group]))
      .toEqual([['A', '', '', ''], ['B', 'A', '', ''], ['C', 'A;B', '', '']]);
  });

  it('refuse correlations that are not text', async () => {
    const bad = async (payload: unknown) => decodeShareFragment(await deflate(JSON.stringify(payload)));
    expect(await bad({ ...example, correlations: [{ ids: 3, rho: '0.5' }] })).toEqual({ ok: false, message: 'This share link holds a damaged scenario (correlation 1: its cells are not text). Ask for the link again.' });
    expect(await bad({ ...example, correlations: 'all' })).toEqual({ ok: false, message: 'This share link holds a damaged scenario (the scenario has no correlations list). Ask for the link again.' });
  });

  it('keep the example journey\'s link under 2,000 characters', async () => {
    const url = `https://example.org/waypoint/#${await encodeShareFragment(example)}`;
    expect(url.length).toBeLessThan(2000);
  });

  it('say before copying when a journey is too big for a link that would open', async () => {
    expect(shareLinkProblem(await encodeShareFragment(example))).toBeUndefined();
    // 5,000 touchpoints (the most a scenario may have) with 120 random letters each in their
    // names: about 600,000 random characters, which deflate cannot shrink below ~6 bits each, so
    // the link is over 300,000 characters, past the 200,000 a link may have.
    const random = randomSfc32(7, 11);
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const big = bigJourney(5000);
    const noisy = { ...big, rows: big.rows.map((row) => ({ ...row, name: Array.from({ length: 120 }, () => letters[Math.floor((random() / 2 ** 32) * letters.length)]).join('') })) };
    const fragment = await encodeShareFragment(noisy);
    expect(fragment.length).toBeGreaterThan(MAX_LINK_LENGTH);
    expect(await decodeShareFragment(fragment)).toMatchObject({ ok: false });
    expect(shareLinkProblem(fragment)).toMatch(/^This journey is too big for a share link \([\d,]+ characters; a link holds at most 200,000\)\. Send it with Export JSON instead\.$/);
  });

  it('round-trip a 200-touchpoint journey', async () => {
    const big = bigJourney(200);
    expect(await decodeShareFragment(await encodeShareFragment(big))).toEqual({ ok: true, scenario: big });
  });

  it('refuse a link from a newer version, a foreign fragment and a cut-off link with a plain message', async () => {
    const fragment = await encodeShareFragment(example);
    expect(await decodeShareFragment(fragment.replace(/^s2\./, 's9.'))).toEqual({
      ok: false, message: 'This link was made by a newer Waypoint; reload the app to update it.',
    });
    expect(await decodeShareFragment('#section-2')).toMatchObject({ ok: false, message: 'This link does not hold a Waypoint scenario.' });
    const cut = await decodeShareFragment(fragment.slice(0, fragment.length / 2));
    expect(cut.ok).toBe(false);
  });

  it('refuse a decompression bomb', async () => {
    const bomb = await deflate(`{"v":1,"name":"${'x'.repeat(5_000_000)}"}`);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await decodeShareFragment(bomb)).toEqual({
      ok: false, message: 'This link holds more than 4 MB of journey, more than a Waypoint scenario can have. Ask for a smaller journey, or for the scenario as a file (its Export JSON).',
    });
  });

  it('refuse a 5 KB link that inflates to 1.3 million empty rows as too many touchpoints, within 200 ms, without parsing it', async () => {
    const rows = '[],'.repeat(1_300_000);
    const bomb = await deflate(`{"v":2,"name":"x","settings":{"target":1,"iterations":1000,"seed":1,"timeUnit":"days"},"rows":[${rows}[]],"correlations":[]}`);
    expect(bomb.length).toBeLessThan(6_000);
    const parse = vi.spyOn(JSON, 'parse');
    const start = performance.now();
    const result = await decodeShareFragment(bomb);
    const elapsed = performance.now() - start;
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(result).toEqual({
      ok: false, message: 'This link holds a journey of more than 5,000 touchpoints, more than Waypoint takes. Ask for a smaller journey, or for the scenario as a file (its Export JSON).',
    });
    expect(elapsed).toBeLessThan(200);
  });

  it('stop inflating once past 4 MB, refuse nesting deeper than a scenario has, and read brackets inside text as text', async () => {
    // 40 KB of compressed zeros inflate to 40 MB; the limit is 4 MB.
    const bytes = fromBase64Url((await deflate(`"${'0'.repeat(40_000_000)}"`)).slice(3))!;
    const start = performance.now();
    expect(await inflateBounded(bytes)).toEqual({ ok: false, problem: 'bytes' });
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(await inflateBounded(fromBase64Url((await deflate('[[[[1]]]]')).slice(3))!)).toEqual({ ok: false, problem: 'depth' });
    // Brackets inside strings are text, not rows.
    const text = await inflateBounded(fromBase64Url((await deflate(`{"name":"${'[{'.repeat(10_000)}\\","rows":[]}`)).slice(3))!);
    expect(text.ok).toBe(true);
  }, 20_000);

  it('refuse wrong field types, huge numbers and too many rows', async () => {
    const bad = async (payload: unknown) => decodeShareFragment(await deflate(JSON.stringify(payload)));
    expect(await bad({ ...example, settings: { ...exampleSettings, iterations: 1e12 } })).toMatchObject({ ok: false });
    expect(await bad({ ...example, settings: { ...exampleSettings, target: -1 } })).toMatchObject({ ok: false });
    expect(await bad({ ...example, rows: [[1, 2, 3]] })).toMatchObject({ ok: false, message: 'This share link holds a damaged scenario (touchpoint 1: the id cell is not text). Ask for the link again.' });
    expect(await bad({ ...example, rows: Array.from({ length: 5001 }, () => []) })).toEqual({
      ok: false, message: 'This link holds a journey of more than 5,000 touchpoints, more than Waypoint takes. Ask for a smaller journey, or for the scenario as a file (its Export JSON).',
    });
    expect(await bad({ ...example, correlations: Array.from({ length: 1001 }, () => ['A B', '0.1']) })).toMatchObject({ ok: false, message: /^This link holds more than 1,000 correlations/ });
  });

  it('ignore prototype keys instead of letting them through', async () => {
    const json = JSON.stringify({ ...example, rows: [] }).replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
    const result = await decodeShareFragment(await deflate(json));
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.keys(result.scenario)).toEqual(['v', 'name', 'settings', 'rows', 'correlations']);
  });

  it('survive 10,000 random and mutated links without throwing, and load only whole scenarios', async () => {
    // Seeded, so a failure can be replayed.
    const next = randomSfc32(2024, 11);
    const pick = (n: number) => Math.floor(next() / 4294967296 * n);
    const good = await encodeShareFragment(example);
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const templates = [
      good, await deflate(deep), await deflate('{"v":1,"name":"x","settings":null,"rows":[]}'),
      await deflate(JSON.stringify({ ...example, settings: { ...exampleSettings, seed: 1e300 } })),
      await deflate('"just a string"'), await deflate('{"v":1e999}'),
    ];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.%#~!= ';
    let loaded = 0;
    for (let trial = 0; trial < 10_000; trial++) {
      let link = templates[pick(templates.length)];
      const mutation = pick(6);
      if (mutation === 0) link = link.slice(0, pick(link.length + 1));
      else if (mutation === 1) {
        const at = 3 + pick(Math.max(1, link.length - 3));
        link = link.slice(0, at) + alphabet[pick(alphabet.length)] + link.slice(at + 1);
      } else if (mutation === 2) {
        const bytes = fromBase64Url(link.slice(3));
        if (bytes && bytes.length) { bytes[pick(bytes.length)] ^= 1 << pick(8); link = `s2.${toBase64Url(bytes)}`; }
      } else if (mutation === 3) link = `s${pick(4)}.${link.slice(3)}`;
      else if (mutation === 4) link = Array.from({ length: pick(300) }, () => alphabet[pick(alphabet.length)]).join('');
      const result = await decodeShareFragment(link);
      if (result.ok) {
        loaded++;
        // A loaded scenario is whole and valid: it passes the same restore again unchanged.
        expect(restoreScenario(result.scenario)).toEqual(result);
      } else {
        expect(typeof result.message).toBe('string');
        expect(result.message.length).toBeGreaterThan(10);
      }
    }
    expect(loaded).toBeGreaterThan(0);
  }, 60_000);
});

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + length * 13) & 255);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('matches the standard encoding with URL-safe letters', () => {
    // RFC 4648 test vector "foobar" → "Zm9vYmFy".
    expect(toBase64Url(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64Url(Uint8Array.from([251, 255]))).toBe('-_8');
  });
});
