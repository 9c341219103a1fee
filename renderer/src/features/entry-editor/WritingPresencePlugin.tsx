/** Tells the circle which entry this member is writing in while its editor has focus. */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { BLUR_COMMAND, COMMAND_PRIORITY_LOW, FOCUS_COMMAND } from 'lexical';
import { useEffect } from 'react';
import type { EntryId } from '../../../../shared/notebook/ids';
import type { CirclePresence } from '../../sync/circlePresence';

/** Sets `editing` in the member's presence on focus, and clears it on blur. */
export function WritingPresencePlugin({
  presence,
  entryId,
}: {
  presence: CirclePresence;
  entryId: EntryId;
}) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          FOCUS_COMMAND,
          () => {
            presence.setEditing(entryId);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          BLUR_COMMAND,
          () => {
            presence.setEditing(null);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        () => presence.setEditing(null),
      ),
    [editor, presence, entryId],
  );
  return null;
}
