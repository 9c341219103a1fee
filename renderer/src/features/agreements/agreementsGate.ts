/**
 * When a member must read and affirm the circle's agreements before the notebook opens.
 *
 * Which version: the agreements in force (the governance log's latest accepted
 * agreements record) need affirming when this member's `agreedVersion` is not their
 * version. Nothing needs affirming while the notebook has not arrived (no `meta`: the
 * waiting screen shows instead) or when the circle has no written agreements.
 *
 * What shows when they change while the circle is open:
 * - on opening the circle, the gate shows at once;
 * - when agreements needing affirmation arrive while the notebook is showing and the
 *   member is writing (a text field or an entry editor has the focus), a gentle banner
 *   shows instead, so nothing they are typing is taken away; the gate follows when they
 *   choose to read the agreements, or the next time they open the circle;
 * - otherwise (not writing, or never affirmed any version: a first affirmation is never
 *   put off) the gate shows at once;
 * - once shown, the gate or the banner stays until the member affirms, even if the
 *   agreements change again meanwhile (the gate then shows the newest text).
 */
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { MemberId } from '../../../../shared/notebook/ids';

/** The agreements a member is asked to affirm. */
export interface AgreementsToAffirm {
  text: string;
  version: number;
  /** Whether this member affirmed an earlier version (then this is a change). */
  affirmedBefore: boolean;
}

/** The agreements `memberId` has yet to affirm, or null when nothing stands in the way. */
export function agreementsToAffirm(
  snapshot: Pick<IndexSnapshot, 'meta' | 'members' | 'governance'>,
  memberId: MemberId,
): AgreementsToAffirm | null {
  if (snapshot.meta === null) return null;
  const agreements = snapshot.governance.agreements;
  if (agreements === null) return null;
  const agreedVersion = snapshot.members.get(memberId)?.agreedVersion ?? null;
  if (agreedVersion === agreements.version) return null;
  return {
    text: agreements.text,
    version: agreements.version,
    affirmedBefore: agreedVersion !== null,
  };
}

/** What the circle screen shows: the notebook, the notebook with a banner, or the gate. */
export type GateView = 'notebook' | 'banner' | 'gate';

/** The gate's view after what needs affirming became `needed` (see the header). */
export function nextGateView(
  previous: GateView | null,
  needed: AgreementsToAffirm | null,
  writing: boolean,
): GateView {
  if (needed === null) return 'notebook';
  if (previous === null || previous === 'gate') return 'gate';
  if (previous === 'banner') return 'banner';
  return writing && needed.affirmedBefore ? 'banner' : 'gate';
}

/** Whether `element` takes typing: an entry editor, a text area or a text field. */
export function takesTyping(element: Element | null): boolean {
  if (element === null) return false;
  if ((element as HTMLElement).isContentEditable) return true;
  if (element.tagName === 'TEXTAREA') return true;
  if (element.tagName !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return ['text', 'search', 'email', 'url', 'tel', 'password', 'number'].includes(type);
}
