/**
 * The top of the app: loads settings and the circles on this laptop, then shows
 * either the welcome screen (no circle yet) or the chosen circle's notebook.
 */
import { lazyDialog } from './app/lazyDialog';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary, JoinCircle, NewCircle } from '../../shared/ipc/contract';
import type { CircleId } from '../../shared/notebook/ids';
import { useAppliedTheme } from './app/useAppliedTheme';
import { useAppliedLanguage } from './app/useAppliedLanguage';
import { KeyProtectionNotice } from './app/KeyProtectionNotice';
import { ScreenBoundary } from './app/ScreenBoundary';
import { useSettings } from './app/useSettings';
import { CircleScreen } from './features/notebook/CircleScreen';
import { WelcomeScreen } from './features/circles/WelcomeScreen';
import { SupportButton } from './features/crisis/SupportButton';
import { StartupProblem } from './app/StartupProblem';
import { useInviteLinks } from './app/useInviteLinks';
import { JournalContext, useJournalSession } from './live-documents/useJournal';
import { hearth } from './lib/hearthApi';

// Not on the first screen: each loads the first time it opens (app/lazyDialog.tsx).
const JoinCircleDialog = lazyDialog(() =>
  import('./features/invite/JoinCircleDialog').then((m) => m.JoinCircleDialog),
);
const JoinNearbyDialog = lazyDialog(() =>
  import('./features/door/JoinNearbyDialog').then((m) => m.JoinNearbyDialog),
);
const RestoreDialog = lazyDialog(() =>
  import('./features/backup/RestoreDialog').then((m) => m.RestoreDialog),
);

/** The whole app. */
export function App() {
  const { t } = useTranslation();
  const { settings, error: settingsError, update } = useSettings();
  const theme = useAppliedTheme(settings);
  useAppliedLanguage(settings);
  const [circles, setCircles] = useState<CircleSummary[] | null>(null);
  const [circlesError, setCirclesError] = useState<unknown>(null);
  const [inviteLink, clearInviteLink] = useInviteLinks();
  const [joinOpen, setJoinOpen] = useState(false);
  const [nearbyOpen, setNearbyOpen] = useState(false);
  const [restoreOpen, setRestoreOpen] = useState(false);
  const journal = useJournalSession();

  useEffect(() => {
    hearth.circles.list().then(setCircles, setCirclesError);
  }, []);

  const createCircle = useCallback(
    async (circle: NewCircle): Promise<void> => {
      const created = await hearth.circles.create(circle);
      setCircles((current) => [created, ...(current ?? [])]);
      await update({ lastCircleId: created.id });
    },
    [update],
  );

  const joinCircle = useCallback(
    async (join: JoinCircle): Promise<void> => {
      const joined = await hearth.circles.join(join);
      setCircles((current) => [joined, ...(current ?? []).filter((c) => c.id !== joined.id)]);
      await update({ lastCircleId: joined.id });
      setJoinOpen(false);
      clearInviteLink();
    },
    [update, clearInviteLink],
  );

  const openJoin = useCallback(() => setJoinOpen(true), []);
  const openJoinNearby = useCallback(() => {
    setJoinOpen(false);
    clearInviteLink();
    setNearbyOpen(true);
  }, [clearInviteLink]);
  // A circle joined through a door nearby: main has kept it already; show it.
  const joinedNearby = useCallback(
    (joined: CircleSummary): void => {
      setNearbyOpen(false);
      setCircles((current) => [joined, ...(current ?? []).filter((c) => c.id !== joined.id)]);
      void update({ lastCircleId: joined.id });
    },
    [update],
  );

  const switchCircle = useCallback(
    (circleId: CircleId) => {
      void update({ lastCircleId: circleId });
    },
    [update],
  );

  const problem: unknown = settingsError ?? circlesError;
  if (problem !== null) return <StartupProblem error={problem} />;
  if (settings === null || circles === null) {
    return (
      <p className="splash" role="status">
        {t('app.opening')}
      </p>
    );
  }
  const restoreDialog = (
    <RestoreDialog
      open={restoreOpen}
      onClose={() => setRestoreOpen(false)}
      onRestored={(restored) => {
        setRestoreOpen(false);
        setCircles((current) => [restored, ...(current ?? [])]);
        void update({ lastCircleId: restored.id });
      }}
    />
  );
  const joinDialog = (
    <JoinCircleDialog
      open={joinOpen || inviteLink !== null}
      initialInvite={inviteLink ?? ''}
      onClose={() => {
        setJoinOpen(false);
        clearInviteLink();
      }}
      onJoin={joinCircle}
      onJoinNearby={openJoinNearby}
    />
  );
  const nearbyDialog = (
    <JoinNearbyDialog
      open={nearbyOpen}
      onClose={() => setNearbyOpen(false)}
      onJoined={joinedNearby}
      onUseInvite={() => {
        setNearbyOpen(false);
        setJoinOpen(true);
      }}
    />
  );
  if (circles.length === 0) {
    return (
      <>
        <header className="support-corner">
          <SupportButton settings={settings} onUpdateSettings={update} />
        </header>
        <KeyProtectionNotice />
        <ScreenBoundary where="welcome">
          <WelcomeScreen
            onCreate={createCircle}
            onJoin={openJoin}
            onJoinNearby={openJoinNearby}
            onRestore={() => setRestoreOpen(true)}
          />
        </ScreenBoundary>
        {joinDialog}
        {nearbyDialog}
        {restoreDialog}
      </>
    );
  }

  const current = circles.find((circle) => circle.id === settings.lastCircleId) ?? circles[0]!;
  return (
    <JournalContext.Provider value={journal}>
      <KeyProtectionNotice />
      <ScreenBoundary where="circle" key={current.id}>
        <CircleScreen
          circle={current}
          circles={circles}
          settings={settings}
          theme={theme}
          onUpdateSettings={update}
          onSwitchCircle={switchCircle}
          onCreateCircle={createCircle}
          onJoinCircle={openJoin}
          onRestoreCircle={() => setRestoreOpen(true)}
        />
      </ScreenBoundary>
      {joinDialog}
      {nearbyDialog}
      {restoreDialog}
    </JournalContext.Provider>
  );
}
