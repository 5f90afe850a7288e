/**
 * Opens a dialog as a modal and returns what to do when it goes away: give the keyboard focus
 * back to the control that had it (Import CSV, or wherever the file was dropped from), so closing
 * with Import, Cancel or Esc never drops a keyboard user at the top of the page.
 */
export function openModal(dialog: HTMLDialogElement | undefined): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  dialog?.showModal();
  return () => opener?.focus();
}
