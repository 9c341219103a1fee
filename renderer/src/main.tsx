import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseLanguage } from '../../shared/i18n/language';
import { App } from './App';
import { reportProblem, ScreenBoundary } from './app/ScreenBoundary';
import { systemLanguages } from './app/useAppliedLanguage';
import { initI18n } from './i18n';
import { hearth } from './lib/hearthApi';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/editor.css';
import './styles/sync.css';
import './styles/agreements.css';
import './styles/search.css';
import './styles/crisis.css';
import './styles/consent.css';
import './styles/door.css';
import './styles/errorScreen.css';
import './styles/disclosure.css';
// Last: the shell's containment and the narrow-window rules override the screens' own.
import './styles/shell.css';

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element.');

// Errors outside React's drawing (event handlers, promises) are noted in the log too.
window.addEventListener('error', (event) => {
  reportProblem('page', event.error);
});
window.addEventListener('unhandledrejection', (event) => {
  reportProblem('page', event.reason);
});

// The first screen is drawn in the member's language, not English first.
async function startingLanguage(): Promise<Parameters<typeof initI18n>[0]> {
  try {
    const [settings, system] = await Promise.all([hearth.settings.get(), systemLanguages()]);
    return chooseLanguage(settings.language, system);
  } catch {
    // The app shows its own startup problem; the system's language is the best guess.
    return chooseLanguage('system', navigator.languages);
  }
}

void startingLanguage()
  .then(initI18n)
  .then(() => {
    createRoot(container, {
      // Nothing caught it: the root boundary below shows the error screen (never a
      // blank window), and the log notes it.
      onUncaughtError: (error) => {
        reportProblem('app', error);
      },
      onRecoverableError: (error) => {
        reportProblem('recovered', error);
      },
    }).render(
      <StrictMode>
        <ScreenBoundary where="app">
          <App />
        </ScreenBoundary>
      </StrictMode>,
    );
  });
