// The "Retention" tab's computation: the snapshots (from the cadence or pasted), the chosen mode's
// answer (`applyRetention`), what a mode switch changed, every mode's answer when comparing, and
// the cadence's footprint over the horizon (`retentionFootprint`). No DOM here.

import { applyRetention, retentionFootprint } from '../pkg/drplan_wasm.js';
import { toError } from '../shared/engine.js';
import { MODES, UNITS, policyFor } from './defaults.js';

/** An instant as RFC 3339 with the zone's offset at that instant ("Z" in UTC or for an unknown zone). */
export function withOffset(ms, timeZone) {
  const utc = new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  if (!timeZone || timeZone === 'UTC') return utc;
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    }).formatToParts(new Date(ms));
  } catch {
    return utc;
  }
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  const off = p.timeZoneName.replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${off === '+00:00' ? 'Z' : off}`;
}

/**
 * The snapshots the page passes to the core: generated from the cadence (stored with the offset of
 * the time zone, as a backup host in that zone would) or pasted (one per line, as typed). `lines`
 * maps each snapshot to its line in the paste box.
 */
export function buildSnapshots(state) {
  if (state.source === 'paste') {
    const lines = [];
    const snapshots = [];
    state.pasted.split('\n').forEach((line, i) => {
      const t = line.trim();
      if (!t) return;
      snapshots.push(t);
      lines.push(i + 1);
    });
    return { snapshots, lines, error: null };
  }
  const c = state.cadence;
  const every = Number(c.every);
  const count = Number(c.count);
  const start = Date.parse(c.start);
  if (!(every > 0) || !Number.isInteger(count) || count < 1 || count > 2000 || !Number.isFinite(start) || !/(Z|[+-]\d\d:\d\d)$/i.test(c.start.trim())) {
    return { snapshots: [], lines: [], error: !(every > 0) ? 'the interval must be a number above 0'
      : !Number.isInteger(count) || count < 1 || count > 2000 ? 'the count must be a whole number from 1 to 2,000'
        : 'the start must be an RFC 3339 timestamp with an offset, e.g. 2024-03-01T01:00:00Z' };
  }
  const step = every * UNITS[c.unit] * 1000;
  let times = Array.from({ length: count }, (_, i) => start + i * step);
  if (c.pattern === 'gaps') {
    const from = Math.floor(count * 0.55);
    const len = Math.max(2, Math.floor(count * 0.12));
    times = times.filter((_, i) => i < from || i >= from + len);
  } else if (c.pattern === 'bursts') {
    times = times.flatMap((t, i) => (i % 10 === 5 ? [t, t + 15 * 60_000, t + 30 * 60_000] : [t]));
  }
  const tz = state.time_zone.trim() || null;
  return { snapshots: times.map((t) => withOffset(t, tz)), lines: [], error: null };
}

/** The snapshots the cadence makes, whatever the source (to fill the paste box when it is empty). */
export function cadenceSnapshots(state) {
  return buildSnapshots({ ...state, source: 'cadence' }).snapshots;
}

function run(snapshots, policy, mode, now, tz) {
  try {
    return { result: applyRetention(structuredClone(snapshots), policy, mode, now, tz), error: null };
  } catch (e) {
    return { result: null, error: toError(e) };
  }
}

/**
 * Everything the tab shows for `tab.state`. `tab` also remembers, between calls: `last` (the
 * last computation: {key, mode, snapshots, result}), `changes` (what the last mode switch changed:
 * {from, to, added, dropped}) and `footprintCache` (a long horizon of hourly backups takes a while).
 */
export function computeRetention(tab) {
  const { state } = tab;
  const { snapshots, lines, error: snapError } = buildSnapshots(state);
  const mode = state.mode;
  const policy = policyFor(state.policy, mode);
  const now = state.now.trim();
  const tz = state.time_zone.trim() || null;
  const { result, error } = snapError
    ? { result: null, error: { code: 'invalid_input', issues: [{ severity: 'error', code: 'invalid_cadence', input: 'cadence', path: '', message: snapError, hint: null }] } }
    : run(snapshots, policy, mode, now, tz);

  // A mode switch on the same input: what changed.
  const { last } = tab;
  const key = JSON.stringify([snapshots, state.policy, now, tz]);
  if (last && last.key === key && last.mode !== mode && last.result && result) {
    const was = new Set(last.result.kept.map((k) => k.index));
    const is = new Set(result.kept.map((k) => k.index));
    tab.changes = {
      from: last.mode, to: mode,
      added: new Set([...is].filter((i) => !was.has(i))),
      dropped: new Set([...was].filter((i) => !is.has(i))),
    };
  } else if (!last || last.key !== key) {
    tab.changes = null;
  }
  tab.last = { key, mode, snapshots, result: result ?? (last?.key === key ? last.result : null) };

  const compare = {};
  if (state.compare && !snapError) for (const m of MODES) compare[m] = run(snapshots, policyFor(state.policy, m), m, now, tz);

  // Footprint: the cadence over the horizon.
  const c = state.cadence;
  const cron = state.footprint_cron.trim();
  const cadence = cron ? { cron, time_zone: tz } : { interval_seconds: Number(c.every) * UNITS[c.unit] };
  const footprintInput = { cadence, policy, mode, start: c.start.trim(), horizon: state.horizon, time_zone: tz };
  const fKey = JSON.stringify([cadence, policy, mode, c.start, state.horizon, tz]);
  if (fKey !== tab.footprintCache.key) {
    tab.footprintCache = { key: fKey, footprint: null, error: null };
    try {
      tab.footprintCache.footprint = retentionFootprint(cadence, policy, mode, c.start.trim(), state.horizon, tz);
    } catch (e) {
      tab.footprintCache.error = toError(e);
    }
  }
  const { footprint, error: footprintError } = tab.footprintCache;

  return { snapshots, lines, policy, mode, now, tz, result, error, compare, footprint, footprintError, footprintInput };
}
