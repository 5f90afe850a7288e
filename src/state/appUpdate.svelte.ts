/**
 * The app's service worker, seen from the page: registers it (from the bundle, so the CSP needs no
 * inline script), and says when a new version has been downloaded and is waiting. The new version
 * never replaces the running one by itself: it takes over when the person reloads (the notice's
 * button) or on their next visit, so an edit in progress is never interrupted.
 */
import { registerSW } from 'virtual:pwa-register';

export class AppUpdate {
  /** A newer version is installed and waits for a reload. */
  waiting = $state(false);
  /** The app has been stored for offline use (first visit). */
  offlineReady = $state(false);
  private update: ((reloadPage?: boolean) => Promise<void>) | undefined;

  /** Registers the service worker where the browser has one; a failure leaves the app online-only. */
  register(): void {
    if (!('serviceWorker' in navigator)) return;
    try {
      this.update = registerSW({
        immediate: true,
        onNeedRefresh: () => { this.waiting = true; },
        onOfflineReady: () => { this.offlineReady = true; },
      });
    } catch {
      this.update = undefined;
    }
  }

  /** Lets the waiting version take over and reloads the page into it. */
  async reload(): Promise<void> {
    if (this.update) await this.update(true);
    else location.reload();
  }
}
