/** Saves text as a file the browser downloads (nothing leaves the page). */
export function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName.replace(/[^\w.-]+/g, '-');
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "1,234.50", or "—" when not a number. */
export { money } from '../numbers.svelte.ts';
