/**
 * The speaking order a facilitator starts a round with: the people in the room first —
 * this laptop's member, then the others here now — and then the members who are not
 * here, each group by name. The facilitator reorders it and leaves people out.
 */
import type { MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';

/** The most people one round can hold (the rounds log accepts no more). */
export const MAX_ROUND_ORDER = 64;

/** The order a new round starts from. */
export function firstOrder(
  members: ReadonlyMap<MemberId, MemberRecord>,
  hereNow: ReadonlySet<string>,
  me: MemberId,
): MemberId[] {
  const rank = (member: MemberRecord): number =>
    member.id === me ? 0 : hereNow.has(member.id) ? 1 : 2;
  return [...members.values()]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((member) => member.id)
    .slice(0, MAX_ROUND_ORDER);
}

/** The order with the speaker at `index` moved one place earlier (-1) or later (+1). */
export function moveInOrder(order: readonly MemberId[], index: number, by: -1 | 1): MemberId[] {
  const target = index + by;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) {
    return [...order];
  }
  const moved = [...order];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}
