/** Every dialog of an open circle, one at a time (./useCircleDialogs.ts says which). */
import { lazyDialog } from '../../app/lazyDialog';
import type { DoorState, NewCircle, Settings } from '../../../../shared/ipc/contract';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { EntryId, MeetingId } from '../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import { CircleToolDialogs } from '../circle-tools/CircleToolDialogs';
import type { CircleTool } from '../circle-tools/CircleToolsMenu';
import type { CircleDialog, CircleDialogs as Dialogs } from './useCircleDialogs';

// Not on the first screen: each loads the first time it opens (app/lazyDialog.tsx).
const NewCircleDialog = lazyDialog(() =>
  import('../circles/NewCircleDialog').then((m) => m.NewCircleDialog),
);
const LetPeopleInDialog = lazyDialog(() =>
  import('../door/LetPeopleInDialog').then((m) => m.LetPeopleInDialog),
);
const CircleAbout = lazyDialog(() =>
  import('../facilitation/CircleAbout').then((m) => m.CircleAbout),
);
const InviteDialog = lazyDialog(() => import('../invite/InviteDialog').then((m) => m.InviteDialog));
const SettingsDialog = lazyDialog(() =>
  import('../settings/SettingsDialog').then((m) => m.SettingsDialog),
);
const NewMeetingDialog = lazyDialog(() =>
  import('./NewMeetingDialog').then((m) => m.NewMeetingDialog),
);

/** Props of {@link CircleDialogs}. */
export interface CircleDialogsProps {
  dialogs: Dialogs;
  /** While the agreements are not yet affirmed, the notebook's own dialogs stay shut. */
  blocking: boolean;
  session: CircleSession;
  snapshot: IndexSnapshot;
  circleName: string;
  meeting: MeetingRecord | null;
  settings: Settings;
  door: DoorState | null;
  onUpdateSettings: (patch: Partial<Settings>) => Promise<void>;
  onCreateCircle: (circle: NewCircle) => Promise<void>;
  onMeetingAdded: (meetingId: MeetingId) => void;
  onImported: (entryId: EntryId) => void;
}

type ToolDialog = Exclude<CircleTool, 'restore'>;
const TOOLS: readonly CircleDialog[] = ['export', 'back-up', 'import-markdown'];
const isTool = (dialog: CircleDialog | null): dialog is ToolDialog =>
  dialog !== null && TOOLS.includes(dialog);

/** Renders the open dialog of the circle screen. */
export function CircleDialogs(props: CircleDialogsProps) {
  const { dialogs, blocking, session, snapshot, circleName, meeting } = props;
  const tool = isTool(dialogs.open) && !blocking ? dialogs.open : null;
  return (
    <>
      <CircleToolDialogs
        tool={tool}
        session={session}
        snapshot={snapshot}
        circleName={circleName}
        meeting={meeting}
        onClose={dialogs.close}
        onImported={props.onImported}
      />
      <CircleAbout
        session={session}
        snapshot={snapshot}
        circleName={circleName}
        open={dialogs.isOpen('about')}
        onClose={dialogs.close}
      />
      <InviteDialog
        open={dialogs.isOpen('invite')}
        session={session}
        circleName={circleName}
        onClose={dialogs.close}
      />
      <LetPeopleInDialog
        open={dialogs.isOpen('door')}
        session={session}
        circleName={circleName}
        door={props.door}
        onClose={dialogs.close}
      />
      <NewMeetingDialog
        open={dialogs.isOpen('new-meeting') && !blocking}
        onClose={dialogs.close}
        onCreate={(newMeeting) => {
          const id = session.addMeeting(newMeeting);
          props.onMeetingAdded(id);
          dialogs.close();
        }}
      />
      <SettingsDialog
        open={dialogs.isOpen('settings')}
        settings={props.settings}
        onUpdate={props.onUpdateSettings}
        onClose={dialogs.close}
      />
      <NewCircleDialog
        open={dialogs.isOpen('new-circle')}
        onClose={dialogs.close}
        onCreate={props.onCreateCircle}
      />
    </>
  );
}
