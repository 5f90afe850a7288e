/**
 * Light or dark: the system's setting (prefers-color-scheme) until a person picks one with the
 * toggle, which this browser then remembers (localStorage). The choice is written on the root
 * element as `data-theme`, where app.css swaps the colours; charts that compute a colour in
 * script (the network's shades) read `theme.dark`.
 */
const STORAGE_KEY = 'waypoint-theme';

export type ThemeChoice = 'light' | 'dark' | 'system';

export class Theme {
  /** What the person picked; 'system' follows the operating system. */
  choice = $state<ThemeChoice>('system');
  /** Whether the system asks for dark colours. */
  systemDark = $state(false);
  readonly dark = $derived(this.choice === 'system' ? this.systemDark : this.choice === 'dark');

  constructor(private readonly storage?: Pick<Storage, 'getItem' | 'setItem'>, media?: MediaQueryList) {
    const saved = safely(() => storage?.getItem(STORAGE_KEY));
    if (saved === 'light' || saved === 'dark') this.choice = saved;
    if (media) {
      this.systemDark = media.matches;
      media.addEventListener?.('change', (event) => { this.systemDark = event.matches; this.apply(); });
    }
    this.apply();
  }

  /** Switches to the other scheme and remembers it; picking what the system shows goes back to following the system. */
  toggle(): void {
    const next = this.dark ? 'light' : 'dark';
    this.choice = (next === 'dark') === this.systemDark ? 'system' : next;
    safely(() => this.storage?.setItem(STORAGE_KEY, this.choice));
    this.apply();
  }

  private apply(): void {
    if (typeof document === 'undefined') return;
    document.documentElement.dataset.theme = this.dark ? 'dark' : 'light';
  }
}

/** Storage can refuse (private mode, a blocked site): the scheme then lasts for the visit. */
function safely<T>(read: () => T): T | undefined {
  try { return read(); } catch { return undefined; }
}

const inBrowser = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
export const theme = new Theme(inBrowser ? safely(() => window.localStorage) : undefined, inBrowser ? window.matchMedia('(prefers-color-scheme: dark)') : undefined);
