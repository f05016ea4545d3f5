import { api } from './api';
import type { AppError } from '../../../shared/result';

/**
 * Opens an https link in the system browser through main's allow-list. The
 * browser shell cannot reach the system browser, so there the page opens it.
 */
export async function openExternal(url: string): Promise<AppError | null> {
  const result = await api.shellOpenExternal({ url });
  if (!result.ok) return result.error;
  if (!result.value.opened) window.open(url, '_blank', 'noopener,noreferrer');
  return null;
}
