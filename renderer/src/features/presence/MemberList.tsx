/**
 * The circle's members, with who is here now and which entry each is writing in. A
 * member is "here" while their laptop is connected to this one; the list never shows
 * more than the circle's own notebook already holds.
 */
import { useTranslation } from 'react-i18next';
import type { EntryId, MemberId } from '../../../../shared/notebook/ids';
import type { Governance } from '../../../../shared/notebook/governance';
import type { EntryRecord, MemberRecord } from '../../../../shared/notebook/schema';
import { usePresentMembers, useCircleLive } from '../../sync/useCircleSync';
import { MemberStanding } from '../agreements/MemberStanding';
import { memberColourVar } from '../circles/memberColours';

/** Props of {@link MemberList}. */
export interface MemberListProps {
  members: ReadonlyMap<MemberId, MemberRecord>;
  entries: ReadonlyMap<EntryId, EntryRecord>;
  me: MemberId;
  /** Who facilitates, and which agreements are in force (for each member's standing). */
  governance: Governance;
}

/** Lists members: this laptop's member first, then those here, then the others. */
export function MemberList({ members, entries, me, governance }: MemberListProps) {
  const { t } = useTranslation();
  const { presence } = useCircleLive();
  const present = usePresentMembers(presence);
  const hereNow = new Map(present.map((member) => [member.memberId, member]));

  const describe = (member: MemberRecord): string => {
    if (member.id === me) return t('members.you');
    const here = hereNow.get(member.id);
    if (here === undefined) return t('members.away');
    if (here.editing === null) return t('members.here');
    const entry = entries.get(here.editing);
    if (entry === undefined) return t('members.writing');
    const author = entry.authorId === null ? null : members.get(entry.authorId);
    if (entry.visibility === 'anonymous' || author === undefined || author === null) {
      return t('members.writingAnonymous');
    }
    return author.id === member.id
      ? t('members.writingOwn')
      : t('members.writingIn', { name: author.name });
  };

  const order = (member: MemberRecord): number =>
    member.id === me ? 0 : hereNow.has(member.id) ? 1 : 2;
  const sorted = [...members.values()].sort(
    (a, b) => order(a) - order(b) || a.name.localeCompare(b.name),
  );

  return (
    <section className="member-list" aria-labelledby="member-list-title">
      <h2 id="member-list-title" className="sidebar__title">
        {t('members.title')}
      </h2>
      <ul className="member-list__items">
        {sorted.map((member) => {
          const isHere = member.id === me || hereNow.has(member.id);
          return (
            <li
              key={member.id}
              className={`member-list__item${isHere ? ' member-list__item--here' : ''}`}
            >
              <span className="member-dot" style={{ background: memberColourVar(member.colour) }} />
              <span className="member-list__name">{member.name}</span>
              <span className="member-list__state">{describe(member)}</span>
              <MemberStanding member={member} governance={governance} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
