/**
 * Reading the text of a sheet's cells: a distribution name, the links of a "Depends on" cell
 * (types and lags included), a probability and a time, and writing links back as text that
 * reads the same. Used by the journey check (coerceJourney) and the journey CSV.
 */
import type { Dependency, DistributionKind, LinkType } from './types.ts';

const DISTRIBUTION_ALIASES: Record<string, DistributionKind> = {
  '': 'beta-pert', 'beta-pert': 'beta-pert', 'betapert': 'beta-pert', 'pert': 'beta-pert', 'beta': 'beta-pert',
  'triangular': 'triangular', 'triangle': 'triangular', 'tri': 'triangular',
  'uniform': 'uniform', 'normal': 'normal', 'gaussian': 'normal',
};

/** Reads a distribution name as typed ("Beta-PERT", "triangular", "" …); undefined when unknown. */
export function parseDistribution(text: string): DistributionKind | undefined {
  return DISTRIBUTION_ALIASES[text.trim().toLowerCase().replace(/[\s_]+/g, '-')];
}

/** A link as read from a "Depends on" cell; `error` says what could not be read (the link is then left out). */
export interface ParsedLink extends Dependency {
  /** The text this link was read from, for messages. */
  text: string;
  error?: string;
}

const NUMBER = '(?:\\d+\\.?\\d*|\\.\\d+)';
/** A link type with an optional lag ("SS", "fs+7", "SS-2.5"), as a separate word. */
const TYPE_WORD = new RegExp(`^(FS|SS)(?:([+-])(.*))?$`, 'i');
/** An id with a lag glued on ("B+7", "B-2"). */
const GLUED_LAG = new RegExp(`^(.+?)([+-])(${NUMBER}|[^+-]*)$`);
const WHOLE_NUMBER = new RegExp(`^${NUMBER}$`);

function readLag(sign: string | undefined, text: string | undefined): number | undefined {
  if (sign === undefined) return 0;
  const cleaned = (text ?? '').trim();
  if (!WHOLE_NUMBER.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return sign === '-' ? -value : value;
}

/**
 * Reads a "Depends on" cell into links. Links are separated by `;` or `,`; within one, words are
 * separated by white space, and a word that is a link type ("FS", "SS", "SS+2") or a bare lag
 * ("+7") belongs to the id before it, so "A B" is still two links and "B SS+2" one. A lag may be
 * glued to the id ("B+7", "B-2") or to the type ("B FS+7"); spaces around the sign are allowed
 * ("B + 7"). An id that is itself in `knownIds` is taken whole, so ids such as "T-1" keep working.
 */
export function parseLinks(text: string, knownIds?: ReadonlySet<string>): ParsedLink[] {
  const links: ParsedLink[] = [];
  // Links that already took a type or lag word (kept aside: a property deleted afterwards would slow every link object down).
  const typed = new Set<ParsedLink>();
  for (const part of text.split(/[;,]/)) {
    const partStart = links.length;
    const words = part.trim().replace(/\s*([+-])\s*/g, '$1').split(/\s+/).filter((word) => word.length > 0);
    for (const word of words) {
      // A known id is taken whole, never as a type or lag of the link before it.
      if (knownIds?.has(word)) { links.push({ id: word, type: 'FS', lag: 0, text: word }); continue; }
      const last = links.length > partStart ? links[links.length - 1] : undefined;
      const typeMatch = TYPE_WORD.exec(word);
      const lagOnly = /^[+-]/.test(word);
      if (last && !last.error && !typed.has(last) && (typeMatch || lagOnly)) {
        const sign = typeMatch ? typeMatch[2] : word[0];
        const lagText = typeMatch ? typeMatch[3] : word.slice(1);
        const lag = readLag(sign, lagText);
        last.text = `${last.text} ${word}`;
        typed.add(last);
        if (typeMatch) last.type = typeMatch[1].toUpperCase() as LinkType;
        if (lag === undefined) last.error = `the lag "${sign}${lagText ?? ''}" after ${last.id} is not a number`;
        else last.lag += lag;
        continue;
      }
      const glued = GLUED_LAG.exec(word);
      if (glued && (!knownIds || knownIds.has(glued[1]) || WHOLE_NUMBER.test(glued[3]))) {
        const lag = readLag(glued[2], glued[3]);
        links.push({
          id: glued[1], type: 'FS', lag: lag ?? 0, text: word,
          ...(lag === undefined ? { error: `the lag "${glued[2]}${glued[3]}" after ${glued[1]} is not a number` } : {}),
        });
        continue;
      }
      links.push({ id: word, type: 'FS', lag: 0, text: word });
    }
  }
  return links;
}

/**
 * The links of a cell that is only known ids separated by `;`, `,` or spaces (no sign anywhere,
 * so no lag and no type word can be in it): what parseLinks gives for it, read with one split,
 * the common case in a big sheet. Undefined for any other cell.
 */
export function plainLinks(text: string, knownIds: ReadonlySet<string>): Dependency[] | undefined {
  if (text.includes('+') || text.includes('-')) return undefined;
  const links: Dependency[] = [];
  for (const word of text.split(/[\s;,]+/)) {
    if (word === '') continue;
    if (!knownIds.has(word)) return undefined;
    links.push({ id: word, type: 'FS', lag: 0 });
  }
  return links;
}

/** Splits a "Depends on" cell into ids (types and lags left out): see parseLinks. */
export function parseDependsOn(text: string): string[] {
  return parseLinks(text).map((link) => link.id);
}

/** A link as text that parseLinks reads back: "B", "B+7", "B-2", "B SS", "B SS+2". */
export function formatLink(link: Dependency): string {
  const lag = link.lag === 0 ? '' : `${link.lag > 0 ? '+' : '-'}${Math.abs(link.lag)}`;
  return link.type === 'SS' ? `${link.id} SS${lag}` : `${link.id}${lag}`;
}

/** Links as one "Depends on" cell, separated by "; ". */
export function formatLinks(links: readonly Dependency[]): string {
  return links.map(formatLink).join('; ');
}

/**
 * A probability cell as a number: "" → 1, "25%" / "25 %" / "0.25" / "0,25" → 0.25. A bare
 * number above 1 is not guessed at (is "25" 25% or a typo?): it comes back with an error.
 */
export function parseProbability(text: string | undefined): { value: number; error?: string } {
  const cleaned = (text ?? '').trim();
  if (cleaned === '') return { value: 1 };
  const percent = /^(.*?)\s*%$/.exec(cleaned);
  const value = parseTime(percent ? percent[1] : cleaned);
  if (Number.isNaN(value)) return { value: NaN, error: `"${cleaned}" is not a probability; write it as 25% or 0.25` };
  const share = percent ? value / 100 : value;
  if (!percent && share > 1) return { value: NaN, error: `${cleaned} is above 1; write ${cleaned}% or ${value / 100}` };
  if (share > 1) return { value: NaN, error: `${cleaned} is above 100%` };
  if (share < 0) return { value: NaN, error: `${cleaned} cannot be negative` };
  return { value: share };
}

/** A time cell as a number: accepts "3", "3.5", " 3,5 " (decimal comma); NaN when not a number. */
export function parseTime(text: string): number {
  const cleaned = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
  if (cleaned === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return NaN;
  return Number(cleaned);
}

