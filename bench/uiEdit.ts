/**
 * One timed edit of the Journey sheet, shared by `bench:ui` and `bench/uiProfile.ts`.
 */
import type { Page } from 'playwright-core';

/** Edits the Pessimistic cell of `row` to `value` and returns ms from Enter to the new histogram painted. */
export async function timedEdit(page: Page, row: number, value: string): Promise<number> {
  const cell = page.getByRole('grid', { name: 'Journey' }).getByRole('row').nth(row + 1).getByRole('gridcell').nth(5);
  await cell.click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  // Passed as text: the page must not see helper code the TypeScript loader adds to functions.
  return page.evaluate(`new Promise((resolve) => {
    const region = () => document.querySelector('section[aria-label="Simulation"]');
    const before = region().dataset.version;
    const editor = document.activeElement;
    const start = performance.now();
    function check() {
      if (region().dataset.version !== before) requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    }
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    requestAnimationFrame(check);
  })`) as Promise<number>;
}
