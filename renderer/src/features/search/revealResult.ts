/**
 * Bringing an opened result into view. The meeting is chosen first (by the notebook);
 * its entries render a moment later, so these wait for the element to exist.
 */
import type { EntryId } from '../../../../shared/notebook/ids';

const WAIT_MS = 3000;

/** The DOM id of an entry's card (set by EntryCard). */
export function entryElementId(entryId: EntryId): string {
  return `entry-${entryId}`;
}

/** Scrolls an entry's card into view and moves the focus to it; false if it never appeared. */
export async function revealEntry(entryId: EntryId): Promise<boolean> {
  const card = await appeared(() => document.getElementById(entryElementId(entryId)));
  if (card === null) return false;
  card.scrollIntoView({ block: 'center', behavior: scrollBehaviour() });
  // The card, not its editor: reading a found entry should not start editing it.
  card.focus({ preventScroll: true });
  return true;
}

/** Moves the focus to the top of the notebook, where the chosen meeting begins. */
export async function revealMeeting(): Promise<void> {
  await nextFrame();
  const notebook = document.getElementById('notebook');
  notebook?.scrollTo({ top: 0, behavior: scrollBehaviour() });
  notebook?.focus({ preventScroll: true });
}

async function appeared(find: () => HTMLElement | null): Promise<HTMLElement | null> {
  const until = performance.now() + WAIT_MS;
  for (;;) {
    const element = find();
    if (element !== null || performance.now() > until) return element;
    await nextFrame();
  }
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function scrollBehaviour(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
