/**
 * An open circle: the top bar (circle switcher, theme, settings), the meetings in the
 * sidebar, the chosen meeting in the middle, and the status line at the bottom.
 */
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary, NewCircle, Settings } from '../../../../shared/ipc/contract';
import type { CircleId, EntryId, MeetingId } from '../../../../shared/notebook/ids';
import { describeError } from '../../app/describeError';
import { StatusLine } from '../../app/StatusLine';
import { useAppCommands } from '../../app/useAppCommands';
import { CircleSwitcher } from '../circles/CircleSwitcher';
import { NoticeBanner } from '../notices/NoticeBanner';
import { SettingsDialog } from '../settings/SettingsDialog';
import { useCircleSession, useIndexSnapshot } from '../../notebook/useCircleSession';
import type { CircleSession } from '../../notebook/circleSession';
import { MeetingList } from './MeetingList';
import { MeetingView } from './MeetingView';
import { NewMeetingDialog } from './NewMeetingDialog';
import { NewCircleDialog } from '../circles/NewCircleDialog';
import { InviteDialog } from '../invite/InviteDialog';
import { MemberList } from '../presence/MemberList';
import { CircleLiveContext, useCircleSync, useCirclePresence } from '../../sync/useCircleSync';

/** Props of {@link CircleScreen}. */
export interface CircleScreenProps {
  circle: CircleSummary;
  circles: CircleSummary[];
  settings: Settings;
  theme: 'light' | 'dark';
  onUpdateSettings: (patch: Partial<Settings>) => Promise<void>;
  onSwitchCircle: (circleId: CircleId) => void;
  onCreateCircle: (circle: NewCircle) => Promise<void>;
  onJoinCircle: () => void;
}

/** Opens the circle and shows its notebook once it is ready. */
export function CircleScreen(props: CircleScreenProps) {
  const { t } = useTranslation();
  const state = useCircleSession(props.circle.id);
  if (state.status === 'opening') {
    return (
      <p className="splash" role="status">
        {t('circle.opening', { name: props.circle.name })}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <main className="startup-problem">
        <h1>{t('circle.openFailed', { name: props.circle.name })}</h1>
        <p>{describeError(t, state.error)}</p>
      </main>
    );
  }
  return (
    <LexicalCollaboration>
      <LiveCircle {...props} session={state.session} />
    </LexicalCollaboration>
  );
}

// Presence and sync live exactly as long as the open session.
function LiveCircle(props: CircleScreenProps & { session: CircleSession }) {
  const presence = useCirclePresence(props.session);
  const sync = useCircleSync(props.session, presence, props.settings.iceServers);
  const live = useMemo(() => ({ presence, sync }), [presence, sync]);
  return (
    <CircleLiveContext.Provider value={live}>
      <Notebook {...props} />
    </CircleLiveContext.Provider>
  );
}

function Notebook({
  session,
  circle,
  circles,
  settings,
  theme,
  onUpdateSettings,
  onSwitchCircle,
  onCreateCircle,
  onJoinCircle,
}: CircleScreenProps & { session: CircleSession }) {
  const { t } = useTranslation();
  const snapshot = useIndexSnapshot(session);
  const [chosenMeeting, setChosenMeeting] = useState<MeetingId | null>(null);
  const [newMeetingOpen, setNewMeetingOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [newCircleOpen, setNewCircleOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [focusEntry, setFocusEntry] = useState<EntryId | null>(null);

  const meeting =
    snapshot.meetings.find((m) => m.id === chosenMeeting) ?? snapshot.meetings[0] ?? null;

  const writeEntry = useCallback(
    (meetingId: MeetingId) => {
      setFocusEntry(session.createEntry(meetingId));
    },
    [session],
  );

  const toggleTheme = useCallback(() => {
    void onUpdateSettings({ theme: theme === 'dark' ? 'light' : 'dark' });
  }, [onUpdateSettings, theme]);

  useAppCommands({
    'new-meeting': () => setNewMeetingOpen(true),
    'new-entry': () => {
      if (meeting !== null) writeEntry(meeting.id);
    },
    'new-circle': () => setNewCircleOpen(true),
    'toggle-theme': toggleTheme,
    'open-settings': () => setSettingsOpen(true),
    'focus-search': () => undefined,
    invite: () => setInviteOpen(true),
    'join-circle': onJoinCircle,
  });
  const circleName = snapshot.meta?.name ?? circle.name;

  return (
    <div className="app">
      <a className="skip-link" href="#notebook">
        {t('shell.skipToNotebook')}
      </a>
      <header className="topbar">
        <CircleSwitcher
          current={circle}
          circles={circles}
          onSwitch={onSwitchCircle}
          onNewCircle={() => setNewCircleOpen(true)}
          onJoinCircle={onJoinCircle}
        />
        <div className="topbar__actions">
          <button className="button" type="button" onClick={() => setInviteOpen(true)}>
            {t('invite.open')}
          </button>
          <button
            className="button button--quiet"
            type="button"
            onClick={toggleTheme}
            aria-label={theme === 'dark' ? t('shell.useLightTheme') : t('shell.useDarkTheme')}
          >
            <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
            <span className="topbar__label">
              {theme === 'dark' ? t('shell.light') : t('shell.dark')}
            </span>
          </button>
          <button
            className="button button--quiet"
            type="button"
            onClick={() => setSettingsOpen(true)}
          >
            {t('settings.open')}
          </button>
        </div>
      </header>
      <NoticeBanner />
      <div className="workspace">
        <aside className="sidebar">
          <MeetingList
            meetings={snapshot.meetings}
            entriesByMeeting={snapshot.entriesByMeeting}
            currentId={meeting?.id ?? null}
            onChoose={setChosenMeeting}
            onNewMeeting={() => setNewMeetingOpen(true)}
          />
          <MemberList
            members={snapshot.members}
            entries={snapshot.entries}
            me={session.profile.memberId}
          />
        </aside>
        <main id="notebook" className="notebook" tabIndex={-1}>
          {snapshot.meta === null ? (
            <div className="empty-notebook" role="status">
              <h1>{t('notebook.waitingTitle', { name: circleName })}</h1>
              <p>{t('notebook.waitingBody')}</p>
            </div>
          ) : meeting === null ? (
            <div className="empty-notebook">
              <h1>{t('notebook.emptyTitle', { name: circleName })}</h1>
              <p>{t('notebook.emptyBody')}</p>
              <button
                className="button button--primary"
                type="button"
                onClick={() => setNewMeetingOpen(true)}
              >
                {t('meeting.new')}
              </button>
            </div>
          ) : (
            <MeetingView
              key={meeting.id}
              session={session}
              meeting={meeting}
              entries={snapshot.entriesByMeeting.get(meeting.id) ?? []}
              members={snapshot.members}
              focusEntry={focusEntry}
              onWriteEntry={() => writeEntry(meeting.id)}
              onFocused={() => setFocusEntry(null)}
            />
          )}
        </main>
      </div>
      <StatusLine session={session} />
      <InviteDialog
        open={inviteOpen}
        session={session}
        circleName={circleName}
        onClose={() => setInviteOpen(false)}
      />
      <NewMeetingDialog
        open={newMeetingOpen}
        onClose={() => setNewMeetingOpen(false)}
        onCreate={(newMeeting) => {
          const id = session.addMeeting(newMeeting);
          setChosenMeeting(id);
          setNewMeetingOpen(false);
        }}
      />
      <SettingsDialog
        open={settingsOpen}
        settings={settings}
        onUpdate={onUpdateSettings}
        onClose={() => setSettingsOpen(false)}
      />
      <NewCircleDialog
        open={newCircleOpen}
        onClose={() => setNewCircleOpen(false)}
        onCreate={onCreateCircle}
      />
    </div>
  );
}
