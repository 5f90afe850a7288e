/**
 * Files the operating system hands to the installed app (the manifest's `file_handlers`: a CSV or
 * a .waypoint.json opened with Waypoint). Chromium delivers them through `window.launchQueue`;
 * elsewhere there is no such queue and nothing happens.
 */
interface LaunchParams { files?: readonly { getFile(): Promise<File> }[] }
interface LaunchQueue { setConsumer(consumer: (params: LaunchParams) => void): void }

/** Calls `open` with each file the app was launched with, as they come. */
export function consumeLaunchedFiles(open: (file: File) => void): void {
  const queue = (globalThis as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer(async (params) => {
    for (const handle of params.files ?? []) {
      try {
        open(await handle.getFile());
      } catch {
        // A handle the browser no longer lets us read: nothing to open.
      }
    }
  });
}
