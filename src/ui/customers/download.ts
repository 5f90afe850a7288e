import { saveBlob } from '../../state/saveBlob.ts';

/** Saves text as a file the browser downloads (nothing leaves the page). */
export function downloadCsv(text: string, fileName: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName.replace(/[^\w.-]+/g, '-'));
}

/** "1,234.50", or "—" when not a number. */
export { money } from '../numbers.svelte.ts';
