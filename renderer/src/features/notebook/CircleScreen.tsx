/**
 * An open circle: the top bar (circle switcher, theme, settings), the meetings in the
 * sidebar, the chosen meeting in the middle, and the status line at the bottom.
 */
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary, NewCircle, Settings } from '../../../../shared/ipc/contract';
import type { CircleId, MeetingId } from '../../../../shared/notebook/ids';
import { describeError } from '../../app/describeError';
import { StatusLine } from '../../app/StatusLine';
import { useAppCommands } from '../../app/useAppCommands';
import { NoticeBanner } from '../notices/NoticeBanner';
import { useCircleSession, useIndexSnapshot } from '../../live-documents/useCircleSession';
import type { CircleSession } from '../../live-documents/circleSession';
import { useJournal } from '../../live-documents/useJournal';
import { CircleDialogs } from './CircleDialogs';
import { CircleSidebar } from './CircleSidebar';
import { CircleTopBar } from './CircleTopBar';
import { NotebookPane } from './NotebookPane';
import { useCircleDialogs } from './useCircleDialogs';
import { useNotebookView } from './useNotebookView';
import { useSidebarDrawer } from './useSidebarDrawer';
import { prepareCalendarDates } from './meetingDate';
import { AgreementsGate } from '../agreements/AgreementsGate';
import { useAgreementsGate } from '../agreements/useAgreementsGate';
import type { CircleTool } from '../circle-tools/CircleToolsMenu';
import { CircleLiveContext, useCircleSync, useCirclePresence } from '../../sync/useCircleSync';
import { useMeetingPoints } from '../../sync/useMeetingPoints';
import type { SearchBoxHandle } from '../search/SearchBox';
import { DoorBanner } from '../door/DoorBanner';
import { mayLetPeopleIn } from '../door/useDoor';
import { useDoorOfCircle } from '../door/useDoorOfCircle';
import { useKeepAwake } from '../../app/useKeepAwake';
import { loadFirstEntries } from './firstEntries';

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
  const { t, i18n } = useTranslation();
  const state = useCircleSession(props.circle.id, loadFirstEntries);
  const language = i18n.language;
  useEffect(() => {
    // After the request for the notebook has gone (the session's effect ran first): the
    // page has nothing else to do until it comes.
    const timer = setTimeout(() => prepareCalendarDates(language), 0);
    return () => clearTimeout(timer);
  }, [language]);
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
  const view = useNotebookView(snapshot.meetings);
  const dialogs = useCircleDialogs();
  const drawer = useSidebarDrawer(SIDEBAR_ID);
  const door = useDoorOfCircle(session.circleId);
  const mayOpenDoor = mayLetPeopleIn(snapshot, session.profile.memberId);
  const journal = useJournal();
  const searchRef = useRef<SearchBoxHandle>(null);
  const { meeting } = view;
  const chooseTool = (chosen: CircleTool): void => {
    if (chosen === 'restore') onRestoreCircle();
    else if (!gate.blocking) dialogs.show(chosen);
  };

  const writeEntry = useCallback(
    (meetingId: MeetingId) => {
      if (journal === null) return;
      // Every entry starts as a private draft in the member's journal: consent first.
      view.focus(journal.startDraft({ circleId: session.circleId, meetingId }));
    },
    [session, journal, view],
  );

  const toggleTheme = useCallback(() => {
    void onUpdateSettings({ theme: theme === 'dark' ? 'light' : 'dark' });
  }, [onUpdateSettings, theme]);

  useAppCommands({
    'new-meeting': () => {
      if (!gate.blocking) dialogs.show('new-meeting');
    },
    'new-entry': () => {
      if (meeting !== null && !gate.blocking) writeEntry(meeting.id);
    },
    'new-circle': () => dialogs.show('new-circle'),
    'toggle-theme': toggleTheme,
    'open-settings': () => dialogs.show('settings'),
    'focus-search': () => searchRef.current?.focus(),
    invite: () => dialogs.show('invite'),
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
        onNewCircle={() => dialogs.show('new-circle')}
        onJoinCircle={onJoinCircle}
        onOpenMeeting={view.showMeeting}
        onOpenJournal={view.showJournal}
        onTool={chooseTool}
        onAbout={() => dialogs.show('about')}
        onInvite={() => dialogs.show('invite')}
        onDoor={() => dialogs.show('door')}
        onToggleTheme={toggleTheme}
        onSettings={() => dialogs.show('settings')}
      />
      <DoorBanner door={door} onShow={() => dialogs.show('door')} />
      <NoticeBanner />
      <AgreementsGate gate={gate} circleName={circleName}>
        <div className="workspace">
          <CircleSidebar
            snapshot={snapshot}
            me={session.profile.memberId}
            view={view}
            drawer={drawer}
            onNewMeeting={() => dialogs.show('new-meeting')}
          />
          <NotebookPane
            session={session}
            snapshot={snapshot}
            circleName={circleName}
            view={view}
            onWriteEntry={writeEntry}
            onInvite={() => dialogs.show('invite')}
            onNewMeeting={() => dialogs.show('new-meeting')}
            onPointerDown={() => {
              if (drawer.open) drawer.close();
            }}
          />
        </div>
      </AgreementsGate>
      <StatusLine session={session} />
      <CircleDialogs
        dialogs={dialogs}
        blocking={gate.blocking}
        session={session}
        snapshot={snapshot}
        circleName={circleName}
        meeting={meeting}
        settings={settings}
        door={door}
        onUpdateSettings={onUpdateSettings}
        onCreateCircle={onCreateCircle}
        // The new meeting shows, even when it was added from the journal.
        onMeetingAdded={view.showMeeting}
        onImported={(entryId) => view.focus(entryId)}
      />
    </div>
  );
}
