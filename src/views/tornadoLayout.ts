/** The sensitivity tornado: the most influential touchpoints by |Spearman ρ|, as bars from a centre line. */
import { scaleLinear } from 'd3-scale';

export interface TornadoBar { index: number; name: string; value: number; x: number; width: number; y: number }

/** Indices of the `count` largest |values|, largest first (ties by index, so the order is stable). */
export function topByMagnitude(values: ArrayLike<number>, count: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .filter((i) => Number.isFinite(values[i]))
    .sort((i, j) => Math.abs(values[j]) - Math.abs(values[i]) || i - j)
    .slice(0, count);
}

export function tornadoLayout(sensitivity: ArrayLike<number>, names: string[], width: number, rowHeight = 24, labelWidth = 170) {
  const top = topByMagnitude(sensitivity, 10);
  const x = scaleLinear().domain([-1, 1]).range([labelWidth, Math.max(width - 48, labelWidth + 40)]);
  const bars: TornadoBar[] = top.map((index, k) => {
    const value = sensitivity[index];
    return { index, name: names[index], value, x: Math.min(x(0), x(value)), width: Math.abs(x(value) - x(0)), y: k * rowHeight };
  });
  return { bars, centre: x(0), height: top.length * rowHeight + 22, axis: [-1, -0.5, 0, 0.5, 1].map((v) => ({ x: x(v), label: String(v) })) };
}

/** Shortens a label to about `max` characters with an ellipsis. */
export function truncate(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
