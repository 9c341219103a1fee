/** The export, import and backup dialogs of an open circle, one at a time. */
import { lazyDialog } from '../../app/lazyDialog';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { MeetingRecord } from '../../../../shared/notebook/schema';
import type { CircleSession } from '../../live-documents/circleSession';
import type { CircleTool } from './CircleToolsMenu';

// Not on the first screen: each loads the first time it opens (app/lazyDialog.tsx).
const BackupDialog = lazyDialog(() => import('../backup/BackupDialog').then((m) => m.BackupDialog));
const ExportDialog = lazyDialog(() => import('../export/ExportDialog').then((m) => m.ExportDialog));
const ImportMarkdownDialog = lazyDialog(() =>
  import('../import/ImportMarkdownDialog').then((m) => m.ImportMarkdownDialog),
);

/** Props of {@link CircleToolDialogs}. */
export interface CircleToolDialogsProps {
  /** The dialog to show; restoring is the app's (it may start on the welcome screen). */
  tool: Exclude<CircleTool, 'restore'> | null;
  session: CircleSession;
  snapshot: IndexSnapshot;
  circleName: string;
  /** The meeting on screen: where an import lands. */
  meeting: MeetingRecord | null;
  onClose: () => void;
  onImported: (entryId: EntryId) => void;
}

/** Renders the chosen tool's dialog. */
export function CircleToolDialogs(props: CircleToolDialogsProps) {
  const { tool, session, snapshot, circleName, meeting, onClose } = props;
  return (
    <>
      <ExportDialog
        open={tool === 'export'}
        circleId={session.circleId}
        circleName={circleName}
        meetings={snapshot.meetings}
        onClose={onClose}
        whose={{ snapshot, memberId: session.profile.memberId }}
      />
      <BackupDialog
        open={tool === 'back-up'}
        circleId={session.circleId}
        circleName={circleName}
        onClose={onClose}
      />
      <ImportMarkdownDialog
        open={tool === 'import-markdown'}
        session={session}
        meeting={meeting}
        onClose={onClose}
        onImported={(entryId) => {
          onClose();
          props.onImported(entryId);
        }}
      />
    </>
  );
}
