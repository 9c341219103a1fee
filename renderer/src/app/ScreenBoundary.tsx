/**
 * An error boundary for one screen or part of the window. When something in it throws
 * while drawing, the rest of Hearth keeps working and this part shows a calm message —
 * "Something went wrong in this part of Hearth — your words are saved" — with a way to
 * try again and a way to reload Hearth. The words are saved: every change reaches the
 * store as it is typed, and Reload first waits until everything is on disk.
 *
 * The failure is written to the log by its error's name only (`TypeError`), never its
 * message, which could quote what a member wrote.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { logger } from '../../../shared/log';
import { hearth } from '../lib/hearthApi';

const log = logger('error-screen');

/** Props of {@link ScreenBoundary}. */
export interface ScreenBoundaryProps {
  /** Names the part in the log: `app`, `welcome`, `circle`, `notebook`. */
  where: string;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
}

/** Saves everything, then reloads the page. */
export async function reloadHearth(): Promise<void> {
  try {
    await hearth.docs.flush();
  } catch (error) {
    // The store keeps what reached it; reloading is still the way back.
    log.warn('could not flush before reloading', { error: String(error) });
  }
  location.reload();
}

/** Tells the log (through main) which part failed, by the error's name only. */
export function reportProblem(where: string, error: unknown): void {
  const kind =
    error instanceof Error && /^[A-Za-z][\w$.]*$/.test(error.name) ? error.name : 'Error';
  log.error('a part of the page failed', { where, kind });
  hearth.app.reportProblem({ where, kind }).catch(() => undefined);
}

/** Catches what its children throw while drawing and shows the error screen instead. */
export class ScreenBoundary extends Component<ScreenBoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    reportProblem(this.props.where, error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorScreen
        where={this.props.where}
        onTryAgain={() => {
          this.setState({ failed: false });
        }}
      />
    );
  }
}

/** The message shown in place of a part that failed. */
export function ErrorScreen({ where, onTryAgain }: { where: string; onTryAgain?: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="error-screen" role="alert" data-part={where}>
      <h2 className="error-screen__title">{t('errorScreen.title')}</h2>
      <p>{t('errorScreen.body')}</p>
      <div className="error-screen__actions">
        {onTryAgain !== undefined && (
          <button className="button" type="button" onClick={onTryAgain}>
            {t('errorScreen.tryAgain')}
          </button>
        )}
        <button
          className="button button--primary"
          type="button"
          onClick={() => void reloadHearth()}
        >
          {t('errorScreen.reload')}
        </button>
      </div>
    </section>
  );
}
