// types.ts is shapes only, but for DISTRIBUTION_KINDS; the shapes are checked by tsc wherever they are used.
import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_KINDS } from '../../../src/engine/journey/types.ts';
import { parseDistribution } from '../../../src/engine/journey/cellText.ts';

describe('DISTRIBUTION_KINDS', () => {
  it('lists the four kinds, beta-PERT (the default) first, each read back by the sheet\'s parser', () => {
    expect(DISTRIBUTION_KINDS).toEqual(['beta-pert', 'triangular', 'uniform', 'normal']);
    for (const kind of DISTRIBUTION_KINDS) expect(parseDistribution(kind)).toBe(kind);
    expect(parseDistribution('')).toBe('beta-pert');
  });
});
