/**
 * Property-based tests of the share-link decoder (fast-check): whatever follows the `#`, it
 * never throws, answers within a bounded time, and gives either a whole valid scenario or a
 * plain refusal; and every valid journey survives encode → decode unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTING_LIMITS } from '../../src/engine/journey/index.ts';
import { SCENARIO_LIMITS, SCENARIO_VERSION, restoreScenario } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import { decodeShareFragment, encodeShareFragment, toBase64Url } from '../../src/share/shareLink.ts';

/** Generous for a loaded test machine; a decode takes a few milliseconds. */
const DECODE_BOUND_MS = 2_000;

async function deflateRaw(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Text of whole Unicode characters (no lone surrogates, which no text field can hold). */
const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength }).filter((value) => value.length <= maxLength);

const cell = text(12);
const row = fc.record({
  id: cell, name: cell, stage: cell, optimistic: cell, mostLikely: cell, pessimistic: cell,
  distribution: cell, dependsOn: cell, probability: cell, group: cell,
});
const scenario: fc.Arbitrary<ScenarioPayload> = fc.record({
  v: fc.constant(SCENARIO_VERSION),
  name: text(SCENARIO_LIMITS.nameLength),
  settings: fc.record({
    // JSON has no negative zero.
    target: fc.double({ min: SETTING_LIMITS.target.min, max: SETTING_LIMITS.target.max, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
    iterations: fc.integer({ min: SETTING_LIMITS.iterations.min, max: SETTING_LIMITS.iterations.max }),
    seed: fc.integer({ min: SETTING_LIMITS.seed.min, max: SETTING_LIMITS.seed.max }),
    timeUnit: text(40),
  }),
  rows: fc.array(row, { maxLength: 25 }),
  correlations: fc.array(fc.record({ ids: cell, rho: cell }), { maxLength: 6 }),
});

type FragmentSource =
  | { kind: 'text'; text: string }
  | { kind: 'json'; json: string }
  | { kind: 'link'; payload: ScenarioPayload; at: number; letter: number; how: 'cut' | 'change' | 'whole' };

/** Fragments of every kind: any text, link-shaped text, deflated JSON of any shape, valid links cut or changed. */
const fragment: fc.Arbitrary<FragmentSource> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ kind: 'text' as const, text })),
  fc.tuple(fc.constantFrom('s1.', 's2.', 's3.', 's0.', 's.', 's2', ''), fc.stringMatching(/^[A-Za-z0-9_-]{0,600}$/))
    .map(([head, tail]) => ({ kind: 'text' as const, text: head + tail })),
  fc.jsonValue({ maxDepth: 6 }).map((value) => ({ kind: 'json' as const, json: JSON.stringify(value) ?? 'null' })),
  fc.record({ payload: scenario, at: fc.nat(), letter: fc.nat(63), how: fc.constantFrom('cut' as const, 'change' as const, 'whole' as const) })
    .map((link) => ({ kind: 'link' as const, ...link })),
);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

async function fragmentText(source: FragmentSource): Promise<string> {
  if (source.kind === 'text') return source.text;
  if (source.kind === 'json') return `s${SCENARIO_VERSION}.${toBase64Url(await deflateRaw(source.json))}`;
  const link = await encodeShareFragment(source.payload);
  if (source.how === 'cut') return link.slice(0, source.at % (link.length + 1));
  if (source.how === 'change') {
    const index = 3 + (source.at % Math.max(1, link.length - 3));
    return link.slice(0, index) + ALPHABET[source.letter] + link.slice(index + 1);
  }
  return link;
}

describe('the share-link decoder, for any text after #', () => {
  it('never throws, answers within a bounded time, and gives a whole valid scenario or a plain refusal', async () => {
    await fc.assert(fc.asyncProperty(fragment, async (source) => {
      const link = await fragmentText(source);
      const start = performance.now();
      const result = await decodeShareFragment(`#${link}`);
      expect(performance.now() - start).toBeLessThan(DECODE_BOUND_MS);
      if (result.ok) {
        // Whole and valid: it passes the same restore again, unchanged.
        expect(restoreScenario(result.scenario)).toEqual(result);
      } else {
        expect(typeof result.message).toBe('string');
        expect(result.message).toMatch(/^[A-Z].{10,}\.$/);
        expect(result.message).not.toMatch(/Error|undefined|NaN|\bat \w+ \(/);
      }
    }), { numRuns: 400 });
  }, 120_000);

  it('gives back every valid journey it encoded, exactly', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (payload) => {
      expect(await decodeShareFragment(`#${await encodeShareFragment(payload)}`)).toEqual({ ok: true, scenario: payload });
    }), { numRuns: 300 });
  }, 120_000);
});
