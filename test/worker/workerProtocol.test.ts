import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { packRequest, unpackRequest } from '../../src/worker/protocol.ts';
import type { ComputeRequest } from '../../src/worker/protocol.ts';

describe('the request sent to a worker', () => {
  // The example journey has lags (FU+5), an optional touchpoint (25%) and plain dependencies.
  const { touchpoints, problems } = coerceJourney(exampleJourney);
  const request: ComputeRequest = {
    requestId: 7, touchpoints, settings: { target: 50, iterations: 1000, seed: 3, timeUnit: 'days' },
    correlations: [{ ids: ['AD', 'SE'], rho: 0.5 }], improvement: { factor: 0.9 },
  };

  it('carries the touchpoints as one text and reads back exactly the same journey', () => {
    expect(problems).toEqual([]);
    const message = packRequest(request);
    expect(typeof message.touchpointsJson).toBe('string');
    expect(message).not.toHaveProperty('touchpoints');
    expect(unpackRequest(message)).toEqual(request);
  });

  it('keeps the lag, link type and probability of every touchpoint', () => {
    const back = unpackRequest(packRequest(request)).touchpoints;
    const review = back.find((t) => t.id === 'RE');
    expect(review?.links).toEqual([{ id: 'FU', type: 'FS', lag: 5 }]);
    expect(back.find((t) => t.id === 'SU')?.probability).toBe(0.25);
  });
});
