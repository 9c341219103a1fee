/**
 * A member's standing in the circle, for the member list: whether they facilitate, and
 * whether they have affirmed the agreements now in force.
 */
import { useTranslation } from 'react-i18next';
import type { Governance } from '../../../../shared/notebook/governance';
import type { MemberRecord } from '../../../../shared/notebook/schema';

/** Props of {@link MemberStanding}. */
export interface MemberStandingProps {
  member: MemberRecord;
  governance: Governance;
}

/** "Facilitator · Affirmed the agreements", or the parts of it that apply. */
export function MemberStanding({ member, governance }: MemberStandingProps) {
  const { t } = useTranslation();
  const facilitates = governance.facilitators.has(member.id);
  const version = governance.agreements?.version ?? null;
  const affirmed = version !== null && member.agreedVersion === version;
  return (
    <span className="member-standing">
      {facilitates && (
        <span className="member-standing__role">{t('facilitation.facilitator')}</span>
      )}
      {version !== null && (
        <span
          className={`member-standing__agreed${affirmed ? '' : ' member-standing__agreed--not-yet'}`}
        >
          {affirmed ? t('agreements.affirmed') : t('agreements.notAffirmed')}
        </span>
      )}
    </span>
  );
}
