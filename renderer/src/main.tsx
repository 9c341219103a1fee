import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
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

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element.');

void initI18n().then(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
