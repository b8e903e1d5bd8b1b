// First: configures zod before any module parses with it.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerOfflineShell } from './offline-shell/register';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// `?bench` loads the headless benchmark harness instead of the app (see bench/bench-api.ts).
if (new URLSearchParams(window.location.search).has('bench')) {
  void import('./bench/bench-api').then(({ installBenchApi }) => installBenchApi(root));
} else {
  registerOfflineShell();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
