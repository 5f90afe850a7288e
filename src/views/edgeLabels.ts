/**
 * The words on and about the network's edges: a link's type and lag as written on its edge,
 * the sentence of its tooltip, a share as a percentage, and labels of one column moved apart.
 */
import type { Dependency } from '../engine/journey/index.ts';
import { EDGE_LABEL_HEIGHT } from './networkShapes.ts';
import type { EdgeLabel } from './networkShapes.ts';
import { formatQuantity } from './text.ts';
import { formatNumber } from './localeNumbers.ts';

/** "+7", "−2", "SS", "SS+2": a link's type (finish-to-start unless said) and lag, as written on its edge; '' for a plain link. */
export function linkText(link: Pick<Dependency, 'type' | 'lag'> | undefined): string {
  if (!link) return '';
  const lag = Number.isFinite(link.lag) && link.lag !== 0 ? `${link.lag < 0 ? '−' : '+'}${formatQuantity(Math.abs(link.lag))}` : '';
  return `${link.type === 'SS' ? 'SS' : ''}${lag}`;
}

/**
 * A link in words, for the tooltip on its edge: "Review request starts 5 days after First use
 * finishes", "… 2 days before …", "Onboarding starts 2 days after Signup starts", and for a
 * member of an exclusive choice "Self-serve signup is the choice in 70% of journeys".
 */
export function linkSentence(
  from: string, to: string, link: Pick<Dependency, 'type' | 'lag'> | undefined, options: { weight?: number; timeUnit?: string } = {},
): string {
  const parts: string[] = [];
  if (options.weight !== undefined && Number.isFinite(options.weight)) parts.push(`${to} is the choice in ${shareText(options.weight)} of journeys`);
  if (link && (link.type === 'SS' || (Number.isFinite(link.lag) && link.lag !== 0))) {
    const unit = options.timeUnit ? ` ${options.timeUnit}` : '';
    const event = link.type === 'SS' ? 'starts' : 'finishes';
    const when = link.lag === 0 ? `when ${from} ${event}`
      : `${formatQuantity(Math.abs(link.lag))}${unit} ${link.lag > 0 ? 'after' : 'before'} ${from} ${event}`;
    parts.push(`${to} starts ${when}`);
  }
  return parts.join('; ');
}

/** A share as a whole percentage, or with one decimal when that is needed: "25%", "12.5%". */
export function shareText(probability: number): string {
  return Number.isFinite(probability) ? formatNumber(probability, { style: 'percent', maximumFractionDigits: 1 }) : '–';
}

/**
 * Moves labels that share a column down just enough that none overlap (each keeps its height
 * when it can); labels in different columns never meet. Returns new labels, same order.
 */
export function separateLabels(labels: readonly (EdgeLabel | null)[], height = EDGE_LABEL_HEIGHT): (EdgeLabel | null)[] {
  const out = labels.map((label) => (label ? { ...label } : null));
  const columns = new Map<number, EdgeLabel[]>();
  for (const label of out) {
    if (!label) continue;
    const key = Math.round(label.x);
    columns.set(key, [...(columns.get(key) ?? []), label]);
  }
  for (const column of columns.values()) {
    column.sort((p, q) => p.y - q.y);
    for (let k = 1; k < column.length; k++) column[k].y = Math.max(column[k].y, column[k - 1].y + height);
  }
  return out;
}
