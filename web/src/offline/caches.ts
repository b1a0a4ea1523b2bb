/** The cache of the API's answers the documenting form reads, kept for when the network fails. */
export const API_CACHE = 'headstamp-api';

/** The application's files, one cache per build: a new build's worker drops the older ones. */
export const SHELL_CACHE_PREFIX = 'headstamp-shell-';

/**
 * The read-only answers the documenting form needs (the account, the lists its fields suggest
 * from), answered from the network when it answers and from the cache when it fails. Nothing
 * else of the API is kept: the register's records stay on the server.
 */
export const CACHED_API_PATHS: readonly string[] = [
  '/api/v1/auth/me',
  '/api/v1/regions',
  '/api/v1/actors',
  '/api/v1/reference/calibres',
  '/api/v1/reference/manufacturers',
  '/api/v1/reference/models',
];
