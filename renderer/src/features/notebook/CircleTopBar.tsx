/**
 * The open circle's top bar. Wide, it shows every control; narrower (layout.css), the
 * quieter ones (Keep & share, Agreements, Let people in, theme, settings) fold into one
 * "More" menu, and below the drawer width a "Meetings" button opens the sidebar as a
 * drawer. Support and Invite always stay in sight. Both forms are in the page; the
 * stylesheet shows one, and a hidden control is out of the accessibility tree.
 */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary, Settings } from '../../../../shared/ipc/contract';
import type { CircleId, MeetingId } from '../../../../shared/notebook/ids';
import { MenuButton, type MenuItem } from '../../app/MenuButton';
import type { CircleSession } from '../../live-documents/circleSession';
import { CircleSwitcher } from '../circles/CircleSwitcher';
import { SupportButton } from '../crisis/SupportButton';
import { CircleToolsMenu, CIRCLE_TOOLS, type CircleTool } from '../circle-tools/CircleToolsMenu';
import { CircleSearch } from '../search/CircleSearch';
import type { SearchBoxHandle } from '../search/SearchBox';

/** Props of {@link CircleTopBar}. */
export interface CircleTopBarProps {
  session: CircleSession;
  circle: CircleSummary;
  circles: CircleSummary[];
  settings: Settings;
  theme: 'light' | 'dark';
  /** True while the agreements stand before the notebook: only a few controls show. */
  blocking: boolean;
  /** Whether "Let people in" is offered. */
  showDoor: boolean;
  drawer: { open: boolean; controls: string; onToggle: () => void };
  searchRef: Ref<SearchBoxHandle>;
  onUpdateSettings: (patch: Partial<Settings>) => Promise<void>;
  onSwitchCircle: (circleId: CircleId) => void;
  onNewCircle: () => void;
  onJoinCircle: () => void;
  onOpenMeeting: (meetingId: MeetingId) => void;
  onOpenJournal: () => void;
  onTool: (tool: CircleTool) => void;
  onAbout: () => void;
  onInvite: () => void;
  onDoor: () => void;
  onToggleTheme: () => void;
  onSettings: () => void;
}

/** The top bar of an open circle. */
export function CircleTopBar({
  session,
  circle,
  circles,
  settings,
  theme,
  blocking,
  showDoor,
  drawer,
  searchRef,
  onUpdateSettings,
  onSwitchCircle,
  onNewCircle,
  onJoinCircle,
  onOpenMeeting,
  onOpenJournal,
  onTool,
  onAbout,
  onInvite,
  onDoor,
  onToggleTheme,
  onSettings,
}: CircleTopBarProps) {
  const { t } = useTranslation();
  const themeName = theme === 'dark' ? t('shell.useLightTheme') : t('shell.useDarkTheme');

  const folded: MenuItem[] = [
    ...(blocking
      ? []
      : CIRCLE_TOOLS.map(({ tool, label }) => ({
          key: tool,
          label: t(label),
          onChoose: () => onTool(tool),
        }))),
    { key: 'about', label: t('facilitation.aboutOpen'), onChoose: onAbout, groupStart: true },
    ...(showDoor ? [{ key: 'door', label: t('door.open'), onChoose: onDoor }] : []),
    { key: 'theme', label: themeName, onChoose: onToggleTheme, groupStart: true },
    { key: 'settings', label: t('settings.open'), onChoose: onSettings },
  ];

  return (
    <header className="topbar">
      {!blocking && (
        <button
          className="button button--quiet topbar__drawer-toggle"
          type="button"
          aria-expanded={drawer.open}
          aria-controls={drawer.controls}
          onClick={drawer.onToggle}
        >
          <span aria-hidden="true">☰</span>
          <span className="topbar__fold-words">{t('shell.meetingsDrawer')}</span>
        </button>
      )}
      <CircleSwitcher
        current={circle}
        circles={circles}
        onSwitch={onSwitchCircle}
        onNewCircle={onNewCircle}
        onJoinCircle={onJoinCircle}
      />
      {!blocking && (
        <CircleSearch
          ref={searchRef}
          session={session}
          onOpenMeeting={onOpenMeeting}
          onOpenJournal={onOpenJournal}
        />
      )}
      <div className="topbar__actions">
        <SupportButton
          settings={settings}
          onUpdateSettings={onUpdateSettings}
          circle={{ indexDoc: session.index.ydoc, memberId: session.profile.memberId }}
        />
        {!blocking && (
          <span className="topbar__wide">
            <CircleToolsMenu onChoose={onTool} />
          </span>
        )}
        <button className="button button--quiet topbar__wide" type="button" onClick={onAbout}>
          {t('facilitation.aboutOpen')}
        </button>
        <button className="button" type="button" onClick={onInvite}>
          {t('invite.open')}
        </button>
        {showDoor && (
          <button className="button topbar__wide" type="button" onClick={onDoor}>
            {t('door.open')}
          </button>
        )}
        <button
          className="button button--quiet topbar__wide topbar__theme"
          type="button"
          onClick={onToggleTheme}
          aria-label={themeName}
        >
          <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
          <span className="topbar__label">
            {theme === 'dark' ? t('shell.light') : t('shell.dark')}
          </span>
        </button>
        <button
          className="button button--quiet topbar__wide"
          type="button"
          onClick={onSettings}
          aria-label={t('settings.open')}
          title={t('settings.open')}
        >
          <span aria-hidden="true">⚙</span>
          <span className="topbar__label">{t('settings.open')}</span>
        </button>
        <MenuButton className="topbar__more" items={folded}>
          <span className="topbar__fold-sign" aria-hidden="true">
            ⋯
          </span>
          <span className="topbar__fold-words">{t('shell.more')}</span>
        </MenuButton>
      </div>
    </header>
  );
}
