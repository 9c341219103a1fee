/** React state of the agreements gate for this laptop's member (rules in agreementsGate.ts). */
import { useCallback, useState } from 'react';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { CircleSession } from '../../live-documents/circleSession';
import {
  agreementsToAffirm,
  nextGateView,
  takesTyping,
  type AgreementsToAffirm,
  type GateView,
} from './agreementsGate';

/** What the circle screen needs to know about the gate, and what it can do. */
export interface AgreementsGateState {
  view: GateView;
  /** The agreements waiting for this member's affirmation, if any. */
  needed: AgreementsToAffirm | null;
  /** Whether the notebook is hidden behind the gate (no notebook commands then). */
  blocking: boolean;
  /** The member chose to read changed agreements now (banner → gate). */
  readNow: () => void;
  /** Records that the member affirms the agreements shown. */
  affirm: () => void;
}

/** Follows what this laptop's member has yet to affirm, and what to show meanwhile. */
export function useAgreementsGate(
  session: CircleSession,
  snapshot: IndexSnapshot,
): AgreementsGateState {
  const me = session.profile.memberId;
  const needed = agreementsToAffirm(snapshot, me);
  const version = needed?.version ?? null;
  const [memory, setMemory] = useState<{ version: number | null; view: GateView }>(() => ({
    version,
    view: nextGateView(null, needed, false),
  }));
  let view = memory.view;
  if (memory.version !== version) {
    // Decided while rendering, not in an effect: showing the gate for even one commit
    // would unmount the editor the member is typing in.
    view = nextGateView(memory.view, needed, takesTyping(document.activeElement));
    setMemory({ version, view });
  }

  const readNow = useCallback(() => {
    setMemory((current) => (current.view === 'banner' ? { ...current, view: 'gate' } : current));
  }, []);
  const affirm = useCallback(() => {
    if (version !== null) session.index.affirmAgreements(me, version);
  }, [session, me, version]);

  return { view, needed, blocking: view === 'gate', readNow, affirm };
}
