import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings, SettingsPatch } from '../../../../shared/settings';
import { request, useApiQuery, type ApiError } from '../../lib/query';

const key = ['settings:get', undefined] as const;

export function useSettings() {
  return useApiQuery('settings:get', undefined, { staleTime: Infinity });
}

/**
 * Changes settings at once in the page, and puts them back if main could not
 * save them. The page's copy changes in the same tick as the click: a
 * controlled radio would otherwise snap back until the next render.
 */
export function useUpdateSettings() {
  const client = useQueryClient();
  const mutation = useMutation<Settings, ApiError, { patch: SettingsPatch; previous: Settings | undefined }>({
    mutationFn: ({ patch }) => request('settings:update', patch),
    onError: (_error, { previous }) => {
      if (previous !== undefined) client.setQueryData(key, previous);
    },
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
  const change = (patch: SettingsPatch): void => {
    const previous = client.getQueryData<Settings>(key);
    if (previous !== undefined) client.setQueryData<Settings>(key, { ...previous, ...patch });
    // A read under way must not put the old value back when it lands.
    void client.cancelQueries({ queryKey: key }, { revert: false });
    mutation.mutate({ patch, previous });
  };
  return { ...mutation, change };
}
