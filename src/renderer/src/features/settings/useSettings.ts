import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings, SettingsPatch } from '../../../../shared/settings';
import { request, useApiQuery, type ApiError } from '../../lib/query';

const key = ['settings:get', undefined] as const;

export function useSettings() {
  return useApiQuery('settings:get', undefined, { staleTime: Infinity });
}

/** Changes settings at once in the page, and puts them back if main could not save them. */
export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation<Settings, ApiError, SettingsPatch, { previous: Settings | undefined }>({
    mutationFn: (patch) => request('settings:update', patch),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Settings>(key);
      if (previous !== undefined) client.setQueryData<Settings>(key, { ...previous, ...patch });
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous !== undefined) client.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => client.setQueryData(key, saved),
  });
}
