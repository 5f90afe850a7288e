import { describe, expect, it } from 'vitest';
import { Theme } from '../../src/state/theme.svelte.ts';

/** A storage that keeps what it is given, as localStorage does. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

/** A media query whose answer the test changes, telling its listeners as a browser does. */
function systemScheme(dark: boolean) {
  const listeners: ((event: { matches: boolean }) => void)[] = [];
  const media = { matches: dark, addEventListener: (_: string, listener: (event: { matches: boolean }) => void) => listeners.push(listener) };
  return { media: media as unknown as MediaQueryList, switchTo: (next: boolean) => { media.matches = next; listeners.forEach((l) => l({ matches: next })); } };
}

describe('Theme', () => {
  it('follows the system setting until a person picks, and keeps following its changes', () => {
    const system = systemScheme(true);
    const theme = new Theme(memoryStorage(), system.media);
    expect(theme.choice).toBe('system');
    expect(theme.dark).toBe(true);
    system.switchTo(false);
    expect(theme.dark).toBe(false);
  });

  it('remembers a toggled scheme, and the remembered one wins over the system on the next visit', () => {
    const storage = memoryStorage();
    const theme = new Theme(storage, systemScheme(false).media);
    theme.toggle();
    expect(theme.dark).toBe(true);
    expect(storage.items.get('waypoint-theme')).toBe('dark');
    const next = new Theme(storage, systemScheme(false).media);
    expect(next.dark).toBe(true);
  });

  it('goes back to following the system when toggled back to what the system shows', () => {
    const storage = memoryStorage({ 'waypoint-theme': 'dark' });
    const system = systemScheme(false);
    const theme = new Theme(storage, system.media);
    theme.toggle();
    expect(theme.dark).toBe(false);
    expect(theme.choice).toBe('system');
    system.switchTo(true);
    expect(theme.dark).toBe(true);
  });

  it('works for the visit when storage refuses (private mode)', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    const theme = new Theme(refusing, systemScheme(false).media);
    theme.toggle();
    expect(theme.dark).toBe(true);
  });
});
