import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { ArgsOf, Channel, ValueOf } from '../../../shared/contract';
import { methodName } from '../../../shared/contract/channels';
import type { AppError, Result } from '../../../shared/result';
import { abortableCall, api } from './api';

/** A refusal from main, as TanStack Query's error: the AppError travels inside. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** Calls one channel through `window.api`, typed by the contract; `signal` stops the wait where the shell can. */
export function callApi<C extends Channel>(channel: C, args: ArgsOf<C>, signal?: AbortSignal): Promise<Result<ValueOf<C>>> {
  if (signal !== undefined && abortableCall !== undefined) return abortableCall(channel, args, signal) as Promise<Result<ValueOf<C>>>;
  const functions = api as unknown as Record<string, (args?: unknown) => Promise<Result<ValueOf<C>>>>;
  return functions[methodName(channel)]!(args);
}

/** The value of a call, or an `ApiError`. */
export async function request<C extends Channel>(channel: C, args: ArgsOf<C>, signal?: AbortSignal): Promise<ValueOf<C>> {
  const result = await callApi(channel, args, signal);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // Main answers from this machine; a failure is worth showing, not hiding behind retries.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

/**
 * Server data from main through the query cache, keyed by channel and
 * arguments. A read no page shows any more is stopped (the signal), so that
 * one waiting for a tenant that does not answer holds up nothing else.
 */
export function useApiQuery<C extends Channel>(channel: C, args: ArgsOf<C>, options: Omit<UseQueryOptions<ValueOf<C>, ApiError>, 'queryKey' | 'queryFn'> = {}) {
  return useQuery<ValueOf<C>, ApiError>({ queryKey: [channel, args], queryFn: ({ signal }) => request(channel, args, signal), ...options });
}

/** What stays the same whoever is signed in: kept when the session changes. */
const sessionFree: ReadonlySet<string> = new Set<Channel>(['app:info', 'settings:get']);
const sessionBound = (query: { queryKey: readonly unknown[] }): boolean => !sessionFree.has(String(query.queryKey[0]));

/**
 * The session is about to change (a sign-in or sign-out under way): reads
 * still waiting on the old tenant are stopped, so that a tenant answering
 * slowly or never holds up neither the change nor what follows it.
 */
export function leavingSession(): Promise<void> {
  return queryClient.cancelQueries({ predicate: sessionBound });
}

/**
 * The session changed: what was read for the previous one (another tenant's
 * notifications, organizations, domains) is dropped, and the pages on show
 * read theirs afresh.
 */
export function sessionChanged(): Promise<void> {
  return queryClient.resetQueries({ predicate: sessionBound });
}

/** A change through main; the channels it makes stale are fetched again after it succeeds. */
export function useApiMutation<C extends Channel>(channel: C, options: { invalidates?: readonly Channel[] } = {}) {
  const client = useQueryClient();
  return useMutation<ValueOf<C>, ApiError, ArgsOf<C>>({
    mutationFn: (args) => request(channel, args),
    onSuccess: () => Promise.all((options.invalidates ?? []).map((stale) => client.invalidateQueries({ queryKey: [stale] }))).then(() => undefined),
  });
}

/** Marks a channel's answers stale, after a change made elsewhere (a store, a job). */
export function invalidate(channel: Channel): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [channel] });
}
