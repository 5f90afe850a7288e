/**
 * Every download goes through saveBlob: one anchor, clicked once, its object URL revoked after;
 * no component builds its own blob-and-anchor any more.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveBlob } from '../../src/state/saveBlob.ts';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

describe('saveBlob', () => {
  afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); });

  it('clicks one anchor named as asked, removes it, and revokes the URL a moment later', () => {
    vi.useFakeTimers();
    const clicked: { href: string; download: string }[] = [];
    const body: unknown[] = [];
    const anchor = {
      href: '', download: '',
      click() { clicked.push({ href: this.href, download: this.download }); },
      remove() { body.splice(body.indexOf(anchor), 1); },
    };
    vi.stubGlobal('document', { createElement: (tag: string) => (tag === 'a' ? anchor : null), body: { append: (element: unknown) => body.push(element) } });
    const revoked: string[] = [];
    vi.stubGlobal('URL', { createObjectURL: () => 'blob:one', revokeObjectURL: (url: string) => revoked.push(url) });
    saveBlob(new Blob(['a,b']), 'table.csv');
    expect(clicked).toEqual([{ href: 'blob:one', download: 'table.csv' }]);
    expect(body).toEqual([]);
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(revoked).toEqual(['blob:one']);
  });

  it('is the only place that makes a download anchor', () => {
    const own = sources(src).filter((path) => !path.endsWith('saveBlob.ts')).filter((path) => {
      const text = readFileSync(path, 'utf8');
      return /createElement\(['"]a['"]\)|\.download\s*=/.test(text);
    });
    expect(own.map((path) => path.slice(src.length))).toEqual([]);
  });
});
