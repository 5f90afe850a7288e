/**
 * Correlations as a person types them: which touchpoints (ids separated by `;`, `,` or spaces)
 * and the rank correlation ρ between each pair of them, checked into data with a plain problem
 * for each row that cannot be read.
 */
import { parseTime } from '../journey/index.ts';
import type { Correlation, CorrelationInput } from '../journey/index.ts';

/** Reads correlations as typed: ids separated by `;`, `,` or spaces, ρ in [−1, 1] ("0.6", "-0,3", "60%"). */
export function coerceCorrelations(
  inputs: readonly CorrelationInput[], ids: readonly string[],
): { correlations: Correlation[]; problems: string[] } {
  const known = new Set(ids);
  const correlations: Correlation[] = [];
  const problems: string[] = [];
  const pairValue = new Map<string, { rho: number; row: number }>();
  inputs.forEach((input, row) => {
    const idsText = (input.ids ?? '').trim();
    const rhoText = (input.rho ?? '').trim();
    if (idsText === '' && rhoText === '') return;
    const where = `Correlation ${row + 1}${idsText ? ` (${idsText})` : ''}`;
    const listed = [...new Set(idsText.split(/[;,\s]+/).filter((id) => id.length > 0))];
    const unknown = listed.filter((id) => !known.has(id));
    let ok = true;
    if (unknown.length > 0) {
      problems.push(`${where}: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not an ID' : 'are not IDs'} in the journey.`);
      ok = false;
    } else if (listed.length < 2) {
      problems.push(`${where}: name at least two touchpoints, such as "A; B".`);
      ok = false;
    }
    const percent = /^(.*?)\s*%$/.exec(rhoText);
    const number = parseTime((percent ? percent[1] : rhoText).replace(/^([+-]?\d*),(\d+)$/, '$1.$2'));
    const rho = percent ? number / 100 : number;
    if (rhoText === '') { problems.push(`${where}: the correlation is empty; enter a number between −1 and 1, such as 0.6.`); ok = false; }
    else if (Number.isNaN(rho)) { problems.push(`${where}: "${rhoText}" is not a number; enter one between −1 and 1, such as 0.6.`); ok = false; }
    else if (rho < -1 || rho > 1) { problems.push(`${where}: ${rhoText} is outside −1 to 1.`); ok = false; }
    if (!ok) return;
    for (let x = 0; x < listed.length; x++) {
      for (let y = x + 1; y < listed.length; y++) {
        const key = pairKey(listed[x], listed[y]);
        const earlier = pairValue.get(key);
        if (earlier && earlier.rho !== rho) {
          problems.push(`${where}: ${listed[x]} and ${listed[y]} are already correlated at ${earlier.rho} in correlation ${earlier.row + 1}; keep one value.`);
          ok = false;
        } else pairValue.set(key, { rho, row });
      }
    }
    if (ok) correlations.push({ ids: listed, rho });
  });
  return { correlations, problems };
}

function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}
