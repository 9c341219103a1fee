/**
 * An open circle: the top bar (circle switcher, theme, settings), the meetings in the
 * sidebar, the chosen meeting in the middle, and the status line at the bottom.
 */
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary, NewCircle, Settings } from '../../../../shared/ipc/contract';
import type { CircleId, EntryId, MeetingId } from '../../../../shared/notebook/ids';
import { describeError } from '../../app/describeError';
import { StatusLine } from '../../app/StatusLine';
import { useAppCommands } from '../../app/useAppCommands';
import { NoticeBanner } from '../notices/NoticeBanner';
import { SettingsDialog } from '../settings/SettingsDialog';
import { useCircleSession, useIndexSnapshot } from '../../notebook/useCircleSession';
import type { CircleSession } from '../../notebook/circleSession';
import { useJournal } from '../../notebook/useJournal';
import { JournalView } from '../journal/JournalView';
import { MeetingList } from './MeetingList';
import { CircleTopBar } from './CircleTopBar';
import { EmptyNotebook } from './EmptyNotebook';
import { MeetingView } from './MeetingView';
import { useSidebarDrawer } from './useSidebarDrawer';
import { NewMeetingDialog } from './NewMeetingDialog';
import { NewCircleDialog } from '../circles/NewCircleDialog';
import { InviteDialog } from '../invite/InviteDialog';
import { MemberList } from '../presence/MemberList';
import { AgreementsGate } from '../agreements/AgreementsGate';
import { useAgreementsGate } from '../agreements/useAgreementsGate';
import { CircleAbout } from '../facilitation/CircleAbout';
import { CircleToolDialogs } from '../export/CircleToolDialogs';
import type { CircleTool } from '../export/CircleToolsMenu';
import { CircleLiveContext, useCircleSync, useCirclePresence } from '../../sync/useCircleSync';
import { useMeetingPoints } from '../../sync/useMeetingPoints';
import type { SearchBoxHandle } from '../search/SearchBox';
import { DoorBanner } from '../door/DoorBanner';
import { LetPeopleInDialog } from '../door/LetPeopleInDialog';
import { mayLetPeopleIn } from '../door/useDoor';
import { useDoorOfCircle } from '../door/useDoorOfCircle';
import { ScreenBoundary } from '../../app/ScreenBoundary';
import { useKeepAwake } from '../../app/useKeepAwake';

// The sidebar's id, for the drawer button that shows it on narrow windows.
const SIDEBAR_ID = 'circle-sidebar';

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
  /** Opens "Restore a circle" (the app owns it: a restored circle joins the app's list). */
  onRestoreCircle: () => void;
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
  const beyond = useMeetingPoints(props.session);
  const sync = useCircleSync(props.session, presence, props.settings.iceServers, beyond);
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
  onRestoreCircle,
}: CircleScreenProps & { session: CircleSession }) {
  const { t } = useTranslation();
  const snapshot = useIndexSnapshot(session);
  // Until the member affirms the agreements, nothing of the notebook shows or opens.
  const gate = useAgreementsGate(session, snapshot);
  // Screens stay on while a round runs: people look up from their laptops to listen.
  useKeepAwake(snapshot.round !== null);
  const [chosenMeeting, setChosenMeeting] = useState<MeetingId | null>(null);
  const [newMeetingOpen, setNewMeetingOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [newCircleOpen, setNewCircleOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [doorDialogOpen, setDoorDialogOpen] = useState(false);
  const [aboutOpen, setAboutOpen] = useState(false);
  const drawer = useSidebarDrawer(SIDEBAR_ID);
  const door = useDoorOfCircle(session.circleId);
  const mayOpenDoor = mayLetPeopleIn(snapshot, session.profile.memberId);
  const [focusEntry, setFocusEntry] = useState<EntryId | null>(null);
  const [showJournal, setShowJournal] = useState(false);
  const journal = useJournal();
  const [tool, setTool] = useState<Exclude<CircleTool, 'restore'> | null>(null);
  const searchRef = useRef<SearchBoxHandle>(null);
  const chooseTool = (chosen: CircleTool): void => {
    if (chosen === 'restore') onRestoreCircle();
    else if (!gate.blocking) setTool(chosen);
  };

  const meeting =
    snapshot.meetings.find((m) => m.id === chosenMeeting) ?? snapshot.meetings[0] ?? null;

  const writeEntry = useCallback(
    (meetingId: MeetingId) => {
      if (journal === null) return;
      // Every entry starts as a private draft in the member's journal: consent first.
      setFocusEntry(journal.startDraft({ circleId: session.circleId, meetingId }));
    },
    [session, journal],
  );

  const toggleTheme = useCallback(() => {
    void onUpdateSettings({ theme: theme === 'dark' ? 'light' : 'dark' });
  }, [onUpdateSettings, theme]);

  useAppCommands({
    'new-meeting': () => {
      if (!gate.blocking) setNewMeetingOpen(true);
    },
    'new-entry': () => {
      if (meeting !== null && !gate.blocking) writeEntry(meeting.id);
    },
    'new-circle': () => setNewCircleOpen(true),
    'toggle-theme': toggleTheme,
    'open-settings': () => setSettingsOpen(true),
    'focus-search': () => searchRef.current?.focus(),
    invite: () => setInviteOpen(true),
    'join-circle': onJoinCircle,
    export: () => chooseTool('export'),
    'back-up': () => chooseTool('back-up'),
    restore: () => chooseTool('restore'),
    'import-markdown': () => chooseTool('import-markdown'),
  });
  const circleName = snapshot.meta?.name ?? circle.name;

  return (
    <div className="app">
      <a className="skip-link" href="#notebook">
        {t('shell.skipToNotebook')}
      </a>
      <CircleTopBar
        session={session}
        // A newcomer's colour may have settled since the list was read (guessedColour.ts).
        circle={{ ...circle, colour: session.profile.colour }}
        circles={circles}
        settings={settings}
        theme={theme}
        blocking={gate.blocking}
        showDoor={!gate.blocking && (mayOpenDoor || door !== null)}
        drawer={{ open: drawer.open, controls: SIDEBAR_ID, onToggle: drawer.toggle }}
        searchRef={searchRef}
        onUpdateSettings={onUpdateSettings}
        onSwitchCircle={onSwitchCircle}
        onNewCircle={() => setNewCircleOpen(true)}
        onJoinCircle={onJoinCircle}
        onOpenMeeting={(meetingId) => {
          setShowJournal(false);
          setChosenMeeting(meetingId);
        }}
        onOpenJournal={() => setShowJournal(true)}
        onTool={chooseTool}
        onAbout={() => setAboutOpen(true)}
        onInvite={() => setInviteOpen(true)}
        onDoor={() => setDoorDialogOpen(true)}
        onToggleTheme={toggleTheme}
        onSettings={() => setSettingsOpen(true)}
      />
      <DoorBanner door={door} onShow={() => setDoorDialogOpen(true)} />
      <NoticeBanner />
      <AgreementsGate gate={gate} circleName={circleName}>
        <div className="workspace">
          <aside {...drawer.sidebar}>
            <button
              type="button"
              className="journal-link"
              aria-current={showJournal ? 'page' : undefined}
              onClick={() => {
                setShowJournal(true);
                drawer.close();
              }}
            >
              {t('journal.title')}
              <span className="journal-link__hint">{t('journal.linkHint')}</span>
            </button>
            <MeetingList
              meetings={snapshot.meetings}
              entriesByMeeting={snapshot.entriesByMeeting}
              currentId={showJournal ? null : (meeting?.id ?? null)}
              onChoose={(meetingId) => {
                setShowJournal(false);
                setChosenMeeting(meetingId);
                drawer.close();
              }}
              onNewMeeting={() => {
                drawer.close();
                setNewMeetingOpen(true);
              }}
            />
            <MemberList
              members={snapshot.members}
              entries={snapshot.entries}
              me={session.profile.memberId}
              governance={snapshot.governance}
            />
          </aside>
          <main
            id="notebook"
            className="notebook"
            tabIndex={-1}
            onPointerDown={() => {
              if (drawer.open) drawer.close();
            }}
          >
            <ScreenBoundary
              where="notebook"
              key={showJournal ? 'journal' : (meeting?.id ?? 'none')}
            >
              {showJournal ? (
                <JournalView
                  session={session}
                  meetings={snapshot.meetings}
                  onShared={(entryId) => {
                    const shared = snapshot.entries.get(entryId);
                    setShowJournal(false);
                    if (shared !== undefined) setChosenMeeting(shared.meetingId);
                    setFocusEntry(entryId);
                  }}
                />
              ) : snapshot.meta === null ? (
                <div className="empty-notebook" role="status">
                  <h1>{t('notebook.waitingTitle', { name: circleName })}</h1>
                  <p>{t('notebook.waitingBody')}</p>
                </div>
              ) : meeting === null ? (
                <EmptyNotebook
                  circleName={circleName}
                  alone={snapshot.members.size <= 1}
                  onInvite={() => setInviteOpen(true)}
                  onNewMeeting={() => setNewMeetingOpen(true)}
                />
              ) : (
                <MeetingView
                  key={meeting.id}
                  session={session}
                  meeting={meeting}
                  entries={snapshot.entriesByMeeting.get(meeting.id) ?? []}
                  members={snapshot.members}
                  focusEntry={focusEntry}
                  onWriteEntry={() => writeEntry(meeting.id)}
                  onShared={setFocusEntry}
                  onFocused={() => setFocusEntry(null)}
                />
              )}
            </ScreenBoundary>
          </main>
        </div>
      </AgreementsGate>
      <StatusLine session={session} />
      <CircleToolDialogs
        tool={gate.blocking ? null : tool}
        session={session}
        snapshot={snapshot}
        circleName={circleName}
        meeting={meeting}
        onClose={() => setTool(null)}
        onImported={setFocusEntry}
      />
      <CircleAbout
        session={session}
        snapshot={snapshot}
        circleName={circleName}
        open={aboutOpen}
        onClose={() => setAboutOpen(false)}
      />
      <InviteDialog
        open={inviteOpen}
        session={session}
        circleName={circleName}
        onClose={() => setInviteOpen(false)}
      />
      <LetPeopleInDialog
        open={doorDialogOpen}
        session={session}
        circleName={circleName}
        door={door}
        onClose={() => setDoorDialogOpen(false)}
      />
      <NewMeetingDialog
        open={newMeetingOpen && !gate.blocking}
        onClose={() => setNewMeetingOpen(false)}
        onCreate={(newMeeting) => {
          const id = session.addMeeting(newMeeting);
          // The new meeting shows, even when it was added from the journal.
          setShowJournal(false);
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
