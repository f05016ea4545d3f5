import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../shared/profiles';
import { tenantOf, useSessionStore } from './store';
import { PracticeBadge } from './PracticeBadge';

/** Profiles the menu lists; with more, the last item leads to the Profiles page to find the others. */
export const menuProfiles = 30;

/**
 * The profile the console works with, and a menu that signs in to another one
 * with a single choice. A menu button: arrow keys, Home, End, Enter, Escape.
 */
export function ProfileSwitcher() {
  const { t } = useTranslation();
  const allProfiles = useSessionStore((state) => state.profiles);
  const current = useSessionStore((state) => state.profiles.find((profile) => profile.id === (state.session?.profileId ?? state.activeId)));
  // Thousands of items make a menu slow to open and no help to read: the first ones, and always the current one.
  const profiles = useMemo(() => {
    if (allProfiles.length <= menuProfiles) return allProfiles;
    const first = allProfiles.slice(0, menuProfiles);
    return current === undefined || first.includes(current) ? first : [...first.slice(0, menuProfiles - 1), current];
  }, [allProfiles, current]);
  const more = allProfiles.length > profiles.length;
  const session = useSessionStore((state) => state.session);
  const signIn = useSessionStore((state) => state.signIn);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = useRef<(HTMLLIElement | null)[]>([]);
  /** Where the pointer was last seen over the menu; null until it is, after each opening. */
  const pointerAt = useRef<{ x: number; y: number } | null>(null);
  const menuId = useId();
  // The profiles, then "Manage profiles…".
  const count = profiles.length + 1;

  useEffect(() => {
    if (open) items.current[focused]?.focus();
  }, [open, focused]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const openAt = (index: number): void => {
    pointerAt.current = null;
    setFocused(index);
    setOpen(true);
  };

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  const choose = (profile: ProfileView): void => {
    close();
    const alreadyIn = session?.profileId === profile.id && session.status === 'signed-in';
    if (!alreadyIn) void signIn(profile.id);
  };

  const manage = (): void => {
    setOpen(false);
    void navigate({ to: '/settings/profiles' });
  };

  const activate = (index: number): void => {
    const profile = profiles[index];
    if (profile === undefined) manage();
    else choose(profile);
  };

  // Only a pointer that really moves takes the focus: the browser also sends
  // pointer events when the menu appears or changes under a still pointer,
  // and those must not undo a choice made with the arrow keys. The first
  // event after the menu opens only says where the pointer is.
  const followPointer = (event: ReactPointerEvent<HTMLLIElement>, index: number): void => {
    const at = pointerAt.current;
    pointerAt.current = { x: event.clientX, y: event.clientY };
    if (at === null || (at.x === event.clientX && at.y === event.clientY)) return;
    if (index !== focused) setFocused(index);
  };

  const onButtonKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(count - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent): void => {
    const moves: Record<string, () => number> = {
      ArrowDown: () => (focused + 1) % count,
      ArrowUp: () => (focused - 1 + count) % count,
      Home: () => 0,
      End: () => count - 1,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      setFocused(move());
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(focused);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  const checkedIndex = Math.max(0, profiles.findIndex((profile) => profile.id === current?.id));

  return (
    <div className="profile-switcher">
      <button
        ref={button}
        type="button"
        className="switcher-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(false) : openAt(checkedIndex))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="visually-hidden">{t('session.profile')} </span>
        <span className="switcher-name">{current?.name ?? t('session.noProfile')}</span>
        <span className="switcher-arrow" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <ul ref={menu} id={menuId} role="menu" aria-label={t('session.menu')} className="switcher-menu" onKeyDown={onMenuKeyDown}>
          {profiles.map((profile, index) => (
            <li
              key={profile.id}
              ref={(element) => {
                items.current[index] = element;
              }}
              role="menuitemradio"
              aria-checked={profile.id === current?.id}
              tabIndex={-1}
              className="switcher-item"
              onClick={() => choose(profile)}
              onPointerMove={(event) => followPointer(event, index)}
            >
              <span className="switcher-check" aria-hidden="true">
                {profile.id === current?.id ? '✓' : ''}
              </span>
              <span className="switcher-item-name">
                {profile.name} {profile.kind === 'sandbox' ? <PracticeBadge /> : null}
              </span>
              <span className="switcher-item-tenant">{tenantOf(profile)}</span>
            </li>
          ))}
          <li role="separator" className="switcher-separator" />
          <li
            ref={(element) => {
              items.current[profiles.length] = element;
            }}
            role="menuitem"
            tabIndex={-1}
            className="switcher-item"
            onClick={manage}
            onPointerMove={(event) => followPointer(event, profiles.length)}
          >
            {more ? t('session.manageAll', { count: allProfiles.length }) : t('session.manage')}
          </li>
        </ul>
      ) : null}
    </div>
  );
}
