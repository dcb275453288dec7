// **ProcessRole** is what one sheaf process does: serve, schedule harvests, or both.

/**
 * `all` serves and schedules; `api` serves without cron tasks (harvest-now still runs in-process); `harvester`
 * schedules and serves too. Each process needs its own data directory (the state file is locked to one process).
 */
export type ProcessRole = 'all' | 'api' | 'harvester';
export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'harvester'];
