/**
 * What sharing, handing on or stepping down from the facilitator role writes to the
 * governance log. Order matters: the log is replayed record by record and each counts
 * only if its writer facilitates at that point, so handing on first names the new
 * facilitator and only then steps down (the last facilitator can never step down).
 */
import type { GovernanceRecord } from '../../../../shared/notebook/governance';
import type { MemberId } from '../../../../shared/notebook/ids';

/** A change a facilitator makes to who facilitates. */
export type RoleChange =
  | { kind: 'share'; memberId: MemberId }
  | { kind: 'hand-on'; memberId: MemberId }
  | { kind: 'step-down' };

/** The governance records that make `change`, written by `me` at `at`. */
export function roleRecords(change: RoleChange, me: MemberId, at: number): GovernanceRecord[] {
  const stepDown: GovernanceRecord = { kind: 'role', memberId: me, role: 'member', at };
  switch (change.kind) {
    case 'share':
      return [{ kind: 'role', memberId: change.memberId, role: 'facilitator', at }];
    case 'hand-on':
      return [{ kind: 'role', memberId: change.memberId, role: 'facilitator', at }, stepDown];
    case 'step-down':
      return [stepDown];
  }
}
