// "Retention" tab: the modes, the keep fields each mode accepts, the default snapshots and policy,
// and the examples. Examples are drplan's golden inputs (tests/golden/retention/*/input.json),
// unchanged: worked examples of retention.md §8 where restic and borg disagree.

export const MODES = ['restic-0.14', 'restic-0.16+', 'borg-1.2', 'aws-backup-lifecycle'];

export const MODE_LABELS = {
  'restic-0.14': 'restic 0.14',
  'restic-0.16+': 'restic 0.16+',
  'borg-1.2': 'borg 1.2',
  'aws-backup-lifecycle': 'AWS Backup lifecycle',
};

/** The flag dialect of a mode (null: AWS lifecycles have no flags). */
export function dialectOf(mode) {
  if (mode.startsWith('restic')) return 'restic';
  if (mode.startsWith('borg')) return 'borg';
  return null;
}

/**
 * The keep fields of the editor: `kind` count (an integer, "unlimited" or −1) or duration (the
 * tool's grammar) or days (AWS), and the modes that have the field.
 */
export const KEEP_FIELDS = [
  { key: 'keep_last', label: 'last', kind: 'count', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'keep_secondly', label: 'secondly', kind: 'count', modes: ['borg-1.2'] },
  { key: 'keep_minutely', label: 'minutely', kind: 'count', modes: ['borg-1.2'] },
  { key: 'keep_hourly', label: 'hourly', kind: 'count', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'keep_daily', label: 'daily', kind: 'count', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'keep_weekly', label: 'weekly', kind: 'count', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'keep_monthly', label: 'monthly', kind: 'count', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'keep_yearly', label: 'yearly', kind: 'count', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'keep_within', label: 'within', kind: 'duration', modes: ['restic-0.14', 'restic-0.16+', 'borg-1.2'] },
  { key: 'move_to_cold_storage_after_days', label: 'cold after (days)', kind: 'days', modes: ['aws-backup-lifecycle'] },
  { key: 'delete_after_days', label: 'delete after (days)', kind: 'days', modes: ['aws-backup-lifecycle'] },
];

/** Policy members the editor has no field for, and the modes that accept them. */
export const OTHER_FIELDS = {
  keep_within_hourly: ['restic-0.14', 'restic-0.16+'],
  keep_within_daily: ['restic-0.14', 'restic-0.16+', 'borg-1.2'],
  keep_within_weekly: ['restic-0.14', 'restic-0.16+', 'borg-1.2'],
  keep_within_monthly: ['restic-0.14', 'restic-0.16+', 'borg-1.2'],
  keep_within_yearly: ['restic-0.14', 'restic-0.16+', 'borg-1.2'],
  keep_tag: ['restic-0.14', 'restic-0.16+'],
  restic_cli_version: ['restic-0.16+'],
  unsafe_allow_remove_all: ['restic-0.16+'],
  aws_cold_storage_supported: ['aws-backup-lifecycle'],
  aws_day_length_seconds: ['aws-backup-lifecycle'],
  aws_boundary_inclusive: ['aws-backup-lifecycle'],
  aws_expiry_lag_seconds: ['aws-backup-lifecycle'],
};

/** Which modes accept a policy member. */
export function modesOf(key) {
  return KEEP_FIELDS.find((f) => f.key === key)?.modes ?? OTHER_FIELDS[key] ?? MODES;
}

/**
 * The policy as one mode sees it: the members that mode has a flag (or lifecycle field) for. The
 * editor holds one policy for every mode; switching modes never loses a field.
 */
export function policyFor(policy, mode) {
  const out = {};
  for (const [k, v] of Object.entries(policy)) if (modesOf(k).includes(mode)) out[k] = structuredClone(v);
  return out;
}

export const UNITS = { hours: 3600, days: 86400 };

export const PATTERNS = {
  regular: 'regular',
  gaps: 'with gaps (an outage)',
  bursts: 'with bursts (extra manual runs)',
};

export const HORIZONS = { '90d': '90 days', '365d': '1 year', '730d': '2 years', '1825d': '5 years' };

export const TIME_ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

/** The example shown first: daily backups for 10 weeks, a typical 3 last / 7 daily / 4 weekly / 2 d policy. */
export function defaultState() {
  return {
    preset: 'default',
    mode: 'restic-0.14',
    compare: false,
    policy: { keep_last: 3, keep_daily: 7, keep_weekly: 4, keep_within: '2d', delete_after_days: 35 },
    flags: '--keep-last 3 --keep-daily 7 --keep-weekly 4 --keep-within 2d',
    source: 'cadence',
    cadence: { every: 1, unit: 'days', start: '2024-03-01T01:00:00Z', count: 70, pattern: 'regular' },
    pasted: '',
    now: '2024-05-09T12:00:00Z',
    time_zone: 'UTC',
    horizon: '730d',
    footprint_cron: '',
  };
}

/** Examples from the goldens: [id, label, golden directory, what to look for]. */
export const PRESETS = [
  ['e1', 'E1 — counting across rules (restic vs borg)', 'retention/e1-borg-sequential-rules',
    'last 2 + daily 2: restic’s rules are independent (2 kept), borg’s daily skips what last kept (4 kept).'],
  ['e2', 'E2 — oldest fallback (restic 0.14 vs 0.16+)', 'retention/e2-restic016-oldest-fallback',
    'daily 5 with only 3 days: restic 0.16+ and borg add the oldest snapshot, restic 0.14 does not.'],
  ['e3', 'E3 — within: from the latest snapshot or from now', 'retention/e3-borg-within-from-now',
    'within 2d, now a day after the newest: restic counts from the newest snapshot (2 kept), borg from now (1 kept).'],
  ['e10', 'E10 — negative counts', 'retention/e10-borg-negative-unlimited',
    'daily −1: borg reads it as unlimited, restic 0.14 never fires the rule and removes everything.'],
];

/** The golden inputs of the examples, as in tests/golden (args: snapshots, policy, mode, now, zone). */
export const PRESET_INPUTS = {
  'retention/e1-borg-sequential-rules': [
    ['2024-05-01T12:00:00Z', '2024-05-02T12:00:00Z', '2024-05-03T12:00:00Z', '2024-05-04T12:00:00Z', '2024-05-05T12:00:00Z'],
    { keep_last: 2, keep_daily: 2 }, 'borg-1.2', '2024-05-06T00:00:00Z', 'UTC',
  ],
  'retention/e2-restic016-oldest-fallback': [
    ['2024-05-01T08:00:00Z', '2024-05-01T20:00:00Z', '2024-05-02T20:00:00Z', '2024-05-03T20:00:00Z'],
    { keep_daily: 5, restic_cli_version: '0.16' }, 'restic-0.16+', '2024-05-04T00:00:00Z', null,
  ],
  'retention/e3-borg-within-from-now': [
    ['2024-06-01T00:00:00Z', '2024-06-02T00:00:00Z', '2024-06-03T00:00:00Z'],
    { keep_within: '2d' }, 'borg-1.2', '2024-06-04T00:00:00Z', 'UTC',
  ],
  'retention/e10-borg-negative-unlimited': [
    ['2024-05-01T08:00:00Z', '2024-05-01T20:00:00Z', '2024-05-02T20:00:00Z'],
    { keep_daily: -1 }, 'borg-1.2', '2024-05-03T00:00:00Z', 'UTC',
  ],
};
