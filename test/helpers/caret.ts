/**
 * The caret at the very end of an entry, as a member puts it there before starting a
 * new paragraph: used by the end-to-end tests and the room harness alike.
 */
import type { Locator, Page } from '@playwright/test';

/** How long a member waits for the end of an entry to hold still. */
const END_SETTLES_MS = 20_000;

/**
 * Puts the caret at the very end of an editor, as a member does: click into it, then
 * Ctrl+End, and look (the click's own caret can land after Ctrl+End on a busy page,
 * and Enter would then split a paragraph in the middle of someone's sentence).
 *
 * The end moves while another laptop is typing its own phrase at the end of the same
 * entry: each Ctrl+End lands before words still arriving. So this keeps pressing until
 * that phrase is done, as a member waits for a co-writer's line before starting theirs.
 * (Counting a fixed number of tries made a loaded machine's slower typist fail the run.)
 */
export async function caretToEnd(page: Page, editor: Locator): Promise<void> {
  await editor.click();
  const giveUpAt = Date.now() + END_SETTLES_MS;
  while (Date.now() < giveUpAt) {
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(50);
    const atEnd = await editor.evaluate((root) => {
      const selection = getSelection();
      if (selection === null || !selection.isCollapsed || selection.anchorNode === null) {
        return false;
      }
      if (!root.contains(selection.anchorNode)) return false;
      const rest = document.createRange();
      rest.selectNodeContents(root);
      rest.setStart(selection.anchorNode, selection.anchorOffset);
      return rest.toString() === '';
    });
    if (atEnd) return;
  }
  const where = await editor.evaluate((root) => {
    const selection = getSelection();
    const active = document.activeElement;
    return [
      `editable ${root.getAttribute('contenteditable') ?? 'none'}`,
      `focus on ${active === null ? 'nothing' : `${active.tagName.toLowerCase()}${active === root ? ' (the entry)' : ''} "${(active.getAttribute('aria-label') ?? active.textContent).slice(0, 40)}"`}`,
      `selection ${selection === null || selection.anchorNode === null ? 'none' : `${root.contains(selection.anchorNode) ? 'in' : 'outside'} the entry, collapsed ${String(selection.isCollapsed)}`}`,
    ].join('; ');
  });
  throw new Error(`the caret would not go to the end of the entry (${where})`);
}
