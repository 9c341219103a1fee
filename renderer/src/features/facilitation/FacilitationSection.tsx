/**
 * Who facilitates the circle, and — for a facilitator — sharing the role with another
 * member, handing it on, or stepping down, each after a clear confirmation. Members who
 * do not facilitate see who does, and no controls. Every laptop checks the change was
 * made by a facilitator (governance.ts), whatever this screen shows.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import type { CircleSession } from '../../live-documents/circleSession';
import { memberColourVar } from '../circles/memberColours';
import { DoorSetting } from '../door/DoorSetting';
import { roleRecords, type RoleChange } from './roleChanges';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link FacilitationSection}. */
export interface FacilitationSectionProps {
  session: CircleSession;
  snapshot: IndexSnapshot;
}

/** The "Facilitation" part of the circle's About dialog. */
export function FacilitationSection({ session, snapshot }: FacilitationSectionProps) {
  const { t, i18n } = useTranslation();
  const memberFieldId = useId();
  const me = session.profile.memberId;
  const { facilitators } = snapshot.governance;
  const facilitates = facilitators.has(me);
  const byName = (a: MemberRecord, b: MemberRecord): number => a.name.localeCompare(b.name);
  const members = [...snapshot.members.values()].sort(byName);
  const facilitating = members.filter((member) => facilitators.has(member.id));
  const others = members.filter((member) => member.id !== me && !facilitators.has(member.id));
  const [chosenId, setChosenId] = useState<MemberId | null>(null);
  const chosen = others.find((member) => member.id === chosenId) ?? others[0] ?? null;
  const [confirming, setConfirming] = useState<RoleChange | null>(null);
  const names = (list: MemberRecord[]): string =>
    new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(list.map((m) => m.name));
  const nameOf = (id: MemberId): string => snapshot.members.get(id)?.name ?? '';

  const confirm = (change: RoleChange): void => {
    for (const record of roleRecords(change, me, Date.now())) session.index.govern(record);
    setConfirming(null);
  };

  const question = ((): { title: string; body: string; action: string } | null => {
    if (confirming === null) return null;
    if (confirming.kind === 'share') {
      const name = nameOf(confirming.memberId);
      return {
        title: t('facilitation.confirmShareTitle', { name }),
        body: t('facilitation.confirmShareBody', { name }),
        action: t('facilitation.share'),
      };
    }
    if (confirming.kind === 'hand-on') {
      const name = nameOf(confirming.memberId);
      return {
        title: t('facilitation.confirmHandOnTitle', { name }),
        body: t('facilitation.confirmHandOnBody', { name }),
        action: t('facilitation.handOn'),
      };
    }
    return {
      title: t('facilitation.confirmStepDownTitle'),
      body: t('facilitation.confirmStepDownBody', {
        names: names(facilitating.filter((member) => member.id !== me)),
      }),
      action: t('facilitation.stepDown'),
    };
  })();

  return (
    <section className="about-section" aria-labelledby="facilitation-section-title">
      <h3 id="facilitation-section-title" className="about-section__title">
        {t('facilitation.title')}
      </h3>
      <p className="about-section__text">{t('facilitation.about')}</p>
      <ul className="facilitator-list" aria-label={t('facilitation.listLabel')}>
        {facilitating.map((member) => (
          <li key={member.id} className="facilitator-list__item">
            <span className="member-dot" style={{ background: memberColourVar(member.colour) }} />
            {member.id === me ? t('facilitation.you', { name: member.name }) : member.name}
          </li>
        ))}
      </ul>
      {!facilitates ? (
        <p className="about-section__text">{t('facilitation.notFacilitator')}</p>
      ) : (
        <div className="facilitation-controls">
          <DoorSetting session={session} snapshot={snapshot} />
          {chosen === null ? (
            <p className="about-section__text">
              {members.length > 1
                ? t('facilitation.everyoneFacilitates')
                : t('facilitation.nobodyElse')}
            </p>
          ) : (
            <div className="facilitation-controls__row">
              <div className="field">
                <label className="field__label" htmlFor={memberFieldId}>
                  {t('facilitation.member')}
                </label>
                <select
                  id={memberFieldId}
                  className="input"
                  value={chosen.id}
                  onChange={(event) => setChosenId(event.target.value as MemberId)}
                >
                  {others.map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.name}
                    </option>
                  ))}
                </select>
              </div>
              <button
                className="button"
                type="button"
                onClick={() => setConfirming({ kind: 'share', memberId: chosen.id })}
              >
                {t('facilitation.share')}
              </button>
              <button
                className="button"
                type="button"
                onClick={() => setConfirming({ kind: 'hand-on', memberId: chosen.id })}
              >
                {t('facilitation.handOn')}
              </button>
            </div>
          )}
          {facilitating.length > 1 && (
            <button
              className="button button--quiet"
              type="button"
              onClick={() => setConfirming({ kind: 'step-down' })}
            >
              {t('facilitation.stepDown')}
            </button>
          )}
        </div>
      )}
      <Dialog
        open={question !== null}
        title={question?.title ?? ''}
        description={question?.body ?? ''}
        onClose={() => setConfirming(null)}
      >
        <DialogActions
          cancel={{ label: t('common.cancel'), onClick: () => setConfirming(null) }}
          primary={{
            label: question?.action ?? '',
            onClick: () => {
              if (confirming !== null) confirm(confirming);
            },
          }}
        />
      </Dialog>
    </section>
  );
}
