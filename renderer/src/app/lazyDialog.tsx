/**
 * Dialogs that are not on the first screen live in chunks of their own, fetched the
 * first time one opens: opening a circle then reads only the code it shows (issue 16).
 * The chunk comes from the same place as the page (the app's protocol, or the
 * browser-mode host), a few milliseconds away, so nothing is drawn while it loads: a
 * modal dialog takes no room in the page, and a placeholder flashing for one frame would
 * be the jump the member notices. Once loaded the dialog stays mounted, as an eager one
 * is, so closing it returns focus the native way.
 *
 * What must work with no host (the crisis panel, the error screen) is never lazy.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';

/** What every lazy dialog has: a way to close it, and `open` unless it is mounted open. */
interface LazyDialogProps {
  onClose: () => void;
}

/**
 * A component that renders the dialog `load` resolves to, loading it the first time its
 * `open` prop is true (or, without an `open` prop, the first time it is mounted).
 */
export function lazyDialog<P extends LazyDialogProps>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const fresh = () => lazy(async () => ({ default: await load() }));
  // React.lazy keeps a failed load; after one, the next opening asks again.
  let Loaded = fresh();
  const retry = (): void => {
    Loaded = fresh();
  };

  function LazyDialog(props: P) {
    const open = (props as Partial<{ open: boolean }>).open !== false;
    const [wanted, setWanted] = useState(open);
    // Remembered during render (React's pattern for state derived from props), so the
    // load starts in the same render that first asks for the dialog.
    if (open && !wanted) setWanted(true);
    if (!wanted) return null;
    return (
      <LoadBoundary
        open={open}
        onClose={props.onClose}
        onForget={() => setWanted(false)}
        onRetry={retry}
      >
        <Suspense fallback={null}>
          <Loaded {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  return LazyDialog;
}

interface LoadBoundaryProps {
  open: boolean;
  onClose: () => void;
  /** Closed after a failure: render nothing until the next opening. */
  onForget: () => void;
  /** Gone after a failure: the next load asks again. */
  onRetry: () => void;
  children: ReactNode;
}

/**
 * A dialog whose code could not be fetched (the browser-mode host has stopped) says so
 * in a dialog of its own instead of taking the screen down with it; closed, the next
 * opening tries again.
 */
class LoadBoundary extends Component<LoadBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidUpdate(): void {
    if (this.state.failed && !this.props.open) this.props.onForget();
  }

  // Unmounted by onForget, or by its parent (a dialog mounted only while open).
  override componentWillUnmount(): void {
    if (this.state.failed) this.props.onRetry();
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <DialogUnavailable open={this.props.open} onClose={this.props.onClose} />;
  }
}

function DialogUnavailable({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('app.dialogUnavailable.title')}
      description={t('app.dialogUnavailable.body')}
      onClose={onClose}
    >
      <DialogActions primary={{ label: t('common.close'), onClick: onClose }} />
    </Dialog>
  );
}
