import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { navigation } from './router';

/** The main navigation, from the route table: what is here exists, and nothing else. */
export function Navigation() {
  const { t } = useTranslation();
  return (
    <nav className="navigation" aria-label={t('app.mainNavigation')}>
      <ul>
        {navigation.map((entry) => (
          <li key={entry.to}>
            <Link to={entry.to} aria-keyshortcuts={entry.shortcut === undefined ? undefined : `Alt+${entry.shortcut}`} activeProps={{ 'aria-current': 'page' }} activeOptions={{ includeSearch: false }}>
              {t(`app.nav.${entry.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
