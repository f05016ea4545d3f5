import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectToShell } from './lib/http';
import { NotConnected } from './app/NotConnected';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks the #root element');

const render = (content: ReactNode): void => createRoot(root).render(<StrictMode>{content}</StrictMode>);

// Under Electron the preload provides `window.api`; in the browser shell this tab connects first.
if (window.api !== undefined) render(<App />);
else void connectToShell().then((connected) => render(connected.ok ? <App /> : <NotConnected error={connected.error} />));
