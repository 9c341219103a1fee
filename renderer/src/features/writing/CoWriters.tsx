/**
 * The author's choice of who writes in their entry with them: chosen members, or the
 * whole circle; and taking it back (their words so far stay: shared/notebook/WRITING.md).
 */
import { useTranslation } from 'react-i18next';
import { EVERYONE, keptState, type EntryWriting } from '../../../../shared/notebook/bodyWriting';
import { entryDocId, type EntryId, type MemberId } from '../../../../shared/notebook/ids';
import type { MemberRecord } from '../../../../shared/notebook/schema';
import { Disclosure } from '../../app/Disclosure';
import type { CircleSession } from '../../live-documents/circleSession';

/** Props of {@link CoWriters}. */
export interface CoWritersProps {
  session: CircleSession;
  entryId: EntryId;
  writing: EntryWriting;
  members: ReadonlyMap<MemberId, MemberRecord>;
}

/** Invite members to write in an entry, or take it back. */
export function CoWriters({ session, entryId, writing, members }: CoWritersProps) {
  const { t } = useTranslation();
  const others = [...members.values()].filter((member) => member.id !== writing.author);
  const set = (who: MemberId | typeof EVERYONE, on: boolean): void => {
    if (on) {
      session.index.setCoWriter(entryId, who, true);
      return;
    }
    // What this laptop holds of the body now is what stays.
    const body = session.loadedDoc(entryDocId(entryId));
    session.index.setCoWriter(entryId, who, false, body === undefined ? [] : keptState(body));
  };

  return (
    <Disclosure
      className="co-writers"
      label={t('writing.invite')}
      buttonClassName="button button--small button--quiet"
      panelClassName="co-writers__panel"
      panelElement="fieldset"
    >
      <legend>{t('writing.inviteLegend')}</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={writing.everyone}
          onChange={(event) => set(EVERYONE, event.target.checked)}
        />
        <span>{t('writing.wholeCircle')}</span>
      </label>
      {others.map((member) => (
        <label key={member.id} className="choice">
          <input
            type="checkbox"
            checked={writing.everyone || writing.coWriters.has(member.id)}
            disabled={writing.everyone}
            onChange={(event) => set(member.id, event.target.checked)}
          />
          <span>{member.name}</span>
        </label>
      ))}
      <p className="field__hint">{t('writing.takeBackHint')}</p>
    </Disclosure>
  );
}
