/**
 * Gentle reactions under an entry: the circle's set ("I've been there too", "Thank you
 * for sharing", "Sending strength" unless it chose others), one of each per member,
 * with counts. Names are shown only if the circle chose to show them.
 */
import { useTranslation } from 'react-i18next';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { EntryReactions } from '../../../../shared/notebook/reactions';
import type { CircleSession } from '../../live-documents/circleSession';
import { useIndexSnapshot } from '../../live-documents/useCircleSession';

/** Props of {@link ReactionBar}. */
export interface ReactionBarProps {
  session: CircleSession;
  entryId: EntryId;
  reactions: EntryReactions | undefined;
}

/** The reactions of one entry, as toggle buttons. */
export function ReactionBar({ session, entryId, reactions }: ReactionBarProps) {
  const { t } = useTranslation();
  const snapshot = useIndexSnapshot(session);
  const me = session.profile.memberId;
  const { reactions: kinds, showReactionNames } = snapshot.governance;
  return (
    <div className="reactions" role="group" aria-label={t('reactions.label')}>
      {kinds.map((kind) => {
        const givers = reactions?.get(kind.id) ?? [];
        const mine = givers.includes(me);
        const names = givers.map((id) => snapshot.members.get(id)?.name ?? t('reactions.someone'));
        return (
          <button
            key={kind.id}
            type="button"
            className={`reaction${mine ? ' reaction--mine' : ''}`}
            aria-pressed={mine}
            title={showReactionNames && names.length > 0 ? names.join(', ') : undefined}
            onClick={() => session.index.react(entryId, kind.id, me, !mine)}
          >
            <span>{kind.label}</span>
            {givers.length > 0 && (
              <span className="reaction__count">
                <span aria-hidden="true">{givers.length}</span>
                <span className="visually-hidden">
                  {showReactionNames
                    ? t('reactions.fromNames', { names: names.join(', ') })
                    : t('reactions.count', { count: givers.length })}
                </span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
