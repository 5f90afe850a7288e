/**
 * Share links: a scenario's journey, settings and correlations in the URL fragment (`#s2.…`;
 * older `#s1.…` links still open, through the scenario migration), which browsers
 * never send to a server. The payload is JSON in a compact row form, deflate-compressed
 * (the platform's CompressionStream, RFC 1951) and base64url-encoded (RFC 4648 §5).
 * Decoding treats the link as untrusted: size limits before and after decompression, strict
 * validation through restoreScenario, and a plain message instead of any exception. A link is
 * inflated a little at a time (inflateBounded) and the inflated JSON is scanned as it arrives,
 * so a small link that would inflate to megabytes or to millions of rows is refused after the
 * first few kilobytes, before anything is parsed: no link can hold the page for long.
 * Customer data never goes into a link: only ScenarioPayload fields are written.
 */
import { SCENARIO_LIMITS, SCENARIO_VERSION, restoreScenario } from './scenarioFormat.ts';
import type { RestoreResult, ScenarioPayload } from './scenarioFormat.ts';

const PREFIX = `s${SCENARIO_VERSION}.`;
/** Longest fragment accepted (characters). */
export const MAX_LINK_LENGTH = 200_000;
/** Largest decompressed payload accepted (bytes). */
export const MAX_PAYLOAD_BYTES = 4_000_000;
/**
 * Most arrays and objects a payload may open: the payload, its settings, its rows and
 * correlations lists, one per row and one per correlation. More than that is refused while
 * inflating, before the JSON is parsed.
 */
export const MAX_PAYLOAD_CONTAINERS = SCENARIO_LIMITS.touchpoints + SCENARIO_LIMITS.correlations + 4;
/** Deepest nesting of arrays and objects a payload has (payload → rows → row). */
const MAX_PAYLOAD_DEPTH = 3;
/** Compressed bytes handed to the inflater at a time: deflate inflates at most ~1,032 times, so one step makes at most ~4 MB (the byte limit), a few milliseconds of work. */
const INFLATE_STEP = 4096;

/** Cells of a compact row, in order. Version 1 links have the first eight; new fields only ever go at the end. */
const FIELDS = ['id', 'name', 'stage', 'optimistic', 'mostLikely', 'pessimistic', 'distribution', 'dependsOn', 'probability', 'group'] as const;
/** The oldest link version still read. */
const OLDEST_LINK_VERSION = 1;

/** The fragment (without `#`) that carries `scenario`. */
export async function encodeShareFragment(scenario: ScenarioPayload): Promise<string> {
  // Rows as arrays of cells: the field names would otherwise be most of the link.
  const compact = {
    v: scenario.v, name: scenario.name, settings: scenario.settings,
    rows: scenario.rows.map((row) => FIELDS.map((field) => row[field])),
    correlations: scenario.correlations.map((c) => [c.ids, c.rho]),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(compact));
  const compressed = (await transform(bytes, new CompressionStream('deflate-raw'), Infinity))!;
  return PREFIX + toBase64Url(compressed);
}

/**
 * Why a fragment made by encodeShareFragment cannot be handed out as a link (it would be
 * refused when opened), or undefined when it can.
 */
export function shareLinkProblem(fragment: string): string | undefined {
  if (fragment.length <= MAX_LINK_LENGTH) return undefined;
  return `This journey is too big for a share link (${fragment.length.toLocaleString('en')} characters; a link holds at most ${MAX_LINK_LENGTH.toLocaleString('en')}). Send it with Export JSON instead.`;
}

/** Reads a fragment (with or without `#`). Never throws; says plainly what is wrong. */
export async function decodeShareFragment(fragment: string): Promise<RestoreResult> {
  const fail = (message: string): RestoreResult => ({ ok: false, message });
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_LINK_LENGTH) return fail('This share link is too long to be a Waypoint scenario.');
  if (!text.startsWith('s') || !text.includes('.')) return fail('This link does not hold a Waypoint scenario.');
  const version = text.slice(1, text.indexOf('.'));
  if (!/^\d{1,6}$/.test(version)) return fail('This link does not hold a Waypoint scenario.');
  if (Number(version) > SCENARIO_VERSION) return fail('This link was made by a newer Waypoint; reload the app to update it.');
  if (Number(version) < OLDEST_LINK_VERSION) return fail(`Share links of version ${version} are not supported.`);
  const bytes = fromBase64Url(text.slice(text.indexOf('.') + 1));
  if (!bytes) return fail('This share link is damaged (it has characters a link cannot hold). Ask for the link again.');
  let json: string;
  try {
    const inflated = await inflateBounded(bytes);
    if (inflated.ok === false) return fail(TOO_BIG[inflated.problem]);
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('This share link is damaged or cut short. Ask for the link again, or copy all of it.');
  }
  let compact: unknown;
  try {
    compact = JSON.parse(json);
  } catch {
    return fail('This share link is damaged: its contents are not readable.');
  }
  const tooMany = tooManyParts(compact);
  if (tooMany) return fail(tooMany);
  const restored = restoreScenario(expandRows(compact));
  // Said of the link, since the person opening it typed none of it.
  return restored.ok ? restored : fail(`This share link holds a damaged scenario (${lowerFirst(restored.message.replace(/\.$/, ''))}). Ask for the link again.`);
}

const ASK_SMALLER = 'Ask for a smaller journey, or for the scenario as a file (its Export JSON).';

/** What is said of a link refused while inflating: what is too big, since the link is not damaged. */
const TOO_BIG: Record<InflateProblem, string> = {
  bytes: `This link holds more than ${MAX_PAYLOAD_BYTES / 1_000_000} MB of journey, more than a Waypoint scenario can have. ${ASK_SMALLER}`,
  parts: `This link holds a journey of more than ${SCENARIO_LIMITS.touchpoints.toLocaleString('en')} touchpoints, more than Waypoint takes. ${ASK_SMALLER}`,
  depth: 'This share link is damaged: its contents are not a scenario. Ask for the link again.',
};

export type InflateProblem = 'bytes' | 'parts' | 'depth';

/**
 * Inflates raw deflate `bytes` a step at a time, scanning the JSON text as it comes out, and
 * stops as soon as it is more than a scenario can be: past `limits.bytes` bytes, more than
 * `limits.containers` arrays and objects opened, or nested deeper than `limits.depth` (outside
 * strings; the bytes looked at are ASCII, which never occur inside a multi-byte UTF-8 character).
 * Its cost is bounded by what a valid scenario may hold, whatever the link inflates to.
 * Throws on a damaged or cut-short stream.
 */
export async function inflateBounded(
  bytes: Uint8Array,
  limits: { bytes: number; containers: number; depth: number } = { bytes: MAX_PAYLOAD_BYTES, containers: MAX_PAYLOAD_CONTAINERS, depth: MAX_PAYLOAD_DEPTH },
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: InflateProblem }> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  // Fed in small steps so that stopping early leaves the rest of the input never inflated.
  const written = (async () => {
    for (let at = 0; at < bytes.length && !stopped; at += INFLATE_STEP) {
      await writer.ready;
      if (stopped) return;
      await writer.write(bytes.subarray(at, at + INFLATE_STEP) as Uint8Array<ArrayBuffer>);
    }
    if (!stopped) await writer.close();
  })();
  written.catch(() => { /* the reader reports the error */ });
  const parts: Uint8Array[] = [];
  let total = 0;
  let containers = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  const stop = async (problem: InflateProblem) => {
    stopped = true;
    await reader.cancel().catch(() => undefined);
    await writer.abort().catch(() => undefined);
    return { ok: false as const, problem };
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limits.bytes) return stop('bytes');
    for (let i = 0; i < value.length; i++) {
      const byte = value[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === 0x5c) escaped = true;
        else if (byte === 0x22) inString = false;
      } else if (byte === 0x22) {
        inString = true;
      } else if (byte === 0x5b || byte === 0x7b) {
        if (++containers > limits.containers) return stop('parts');
        if (++depth > limits.depth) return stop('depth');
      } else if (byte === 0x5d || byte === 0x7d) {
        depth--;
      }
    }
    parts.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return { ok: true, bytes: out };
}

/** The too-big sentence for a payload of more rows or correlations than a scenario may have (the inflate scan lets a few through). */
function tooManyParts(compact: unknown): string | undefined {
  if (typeof compact !== 'object' || compact === null || Array.isArray(compact)) return undefined;
  const { rows, correlations } = compact as { rows?: unknown; correlations?: unknown };
  if (Array.isArray(rows) && rows.length > SCENARIO_LIMITS.touchpoints) return TOO_BIG.parts;
  if (Array.isArray(correlations) && correlations.length > SCENARIO_LIMITS.correlations) {
    return `This link holds more than ${SCENARIO_LIMITS.correlations.toLocaleString('en')} correlations, more than Waypoint takes. ${ASK_SMALLER}`;
  }
  return undefined;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** Turns compact rows and correlations back into objects; leaves anything unexpected for validation to refuse. */
function expandRows(compact: unknown): unknown {
  if (typeof compact !== 'object' || compact === null || Array.isArray(compact)) return compact;
  const record = compact as Record<string, unknown>;
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
  const rows = own('rows');
  const correlations = own('correlations');
  if (!Array.isArray(rows)) return compact;
  return {
    v: record.v, name: record.name, settings: record.settings,
    rows: rows.map((row) => (Array.isArray(row) ? Object.fromEntries(FIELDS.map((field, i) => [field, row[i] ?? ''])) : row)),
    ...(correlations === undefined ? {} : {
      correlations: Array.isArray(correlations)
        ? correlations.map((c) => (Array.isArray(c) ? { ids: c[0] ?? '', rho: c[1] ?? '' } : c))
        : correlations,
    }),
  };
}

/** Pipes bytes through a (de)compression stream; undefined when the output passes `limit` bytes. */
async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => { /* the reader reports the error */ });
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    parts.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += ALPHABET[n & 63];
  }
  return out;
}

/** Decodes base64url without padding; undefined for any character or length base64url cannot have. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const values = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const value = ALPHABET.indexOf(text[i]);
    if (value < 0) return undefined;
    values[i] = value;
  }
  const out = new Uint8Array(Math.floor(text.length * 3 / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (values[i] << 18) | (values[i + 1] << 12) | ((values[i + 2] ?? 0) << 6) | (values[i + 3] ?? 0);
    out[o++] = (n >> 16) & 255;
    if (i + 2 < text.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < text.length) out[o++] = n & 255;
  }
  return out;
}
