/** Two scenarios' cumulative curves on shared scales, for the Compare view. */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { CumulativeCurve } from '../engine/journey/index.ts';
import { percentNumber, upToNumber } from './localeNumbers.ts';

export function compareLayout(curves: CumulativeCurve[], target: number, width: number, height: number) {
  const margin = { top: 12, right: 16, bottom: 34, left: 44 };
  let low = Number.isFinite(target) ? target : Infinity;
  let high = Number.isFinite(target) ? target : -Infinity;
  for (const curve of curves) {
    if (curve.time.length) { low = Math.min(low, curve.time[0]); high = Math.max(high, curve.time[curve.time.length - 1]); }
  }
  const x = scaleLinear().domain([low, high]).nice().range([margin.left, width - margin.right]);
  const y = scaleLinear().domain([0, 1]).range([height - margin.bottom, margin.top]);
  const path = line();
  return {
    margin,
    paths: curves.map((curve) => path(Array.from(curve.time, (t, k) => [x(t), y(curve.probability[k])] as [number, number])) ?? ''),
    xTicks: x.ticks(6).map((value) => ({ x: x(value), label: upToNumber(value, 6) })),
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ y: y(value), label: percentNumber(value, 0) })),
    targetX: x(target),
  };
}
