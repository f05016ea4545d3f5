/**
 * The first script index.html runs, kept small so that it runs early: it
 * starts connecting and asking for the settings (boot.ts), then runs the
 * console (start.tsx), whose chunk index.html preloads, so that the browser
 * fetches and compiles it meanwhile.
 */
import { settingsAtStart } from './boot';
import { resolveLanguage } from './lib/languages';
import './styles.css';

/**
 * Said when the console's code cannot be loaded (its server stopped, say), in
 * the language the settings choose if they come within a second, else the
 * system's; the translations come with the console, so the words are here.
 */
async function showLoadFailure(): Promise<void> {
  const read = await Promise.race([settingsAtStart.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(resolve, 1000))]);
  const swedish = resolveLanguage(read?.ok === true ? read.value.language : undefined) === 'sv';
  const root = document.getElementById('root');
  if (root === null) return;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'load-failure';
  message.textContent = swedish
    ? 'Konsolens gränssnitt kunde inte läsas in. Kontrollera att konsolen körs och ladda om sidan.'
    : 'The console’s interface could not be loaded. Check that the console is running, then reload the page.';
  root.replaceChildren(message);
}

import('./start').catch(showLoadFailure);
