// Between the Strategies and Backup plan tabs: a strategy's AWS Backup plan (the core's
// `backup_plan`: the plan, its resources, the simulation options) as the Backup plan tab's inputs,
// and a pasted plan as the Strategies tab's `workload.backup_plan`.

import { exportBackupPlan } from '../pkg/drplan_wasm.js';

/** The shape the plan is exported in: JSON, which the Backup plan tab's editor reads as pasted. */
export const HANDOFF_SHAPE = 'create_backup_plan_input';

/** Resource types the Backup plan tab's simulation form offers (backup/simulate.js). */
const SIM_TYPES = ['EBS', 'EFS', 'RDS', 'Aurora', 'DynamoDB', 'S3'];

const GIB = { gib: 1, gb: 1e9 / 2 ** 30, tib: 1024, tb: 1e12 / 2 ** 30, mib: 1 / 1024, mb: 1e6 / 2 ** 30 };

/** Percent changed per day, from a resource's `change_rate` (a fraction, "2%" or "5 GiB" a day). */
export function changePercent(changeRate, sizeGib) {
  if (typeof changeRate === 'number') return changeRate * 100;
  if (typeof changeRate !== 'string') return null;
  const pct = /^\s*([\d.]+)\s*%\s*$/.exec(changeRate);
  if (pct) return Number(pct[1]);
  const abs = /^\s*([\d.]+)\s*(GiB|GB|TiB|TB|MiB|MB)?\s*(\/\s*d(ay)?)?\s*$/i.exec(changeRate);
  if (abs && sizeGib > 0) return (Number(abs[1]) * GIB[(abs[2] ?? 'GiB').toLowerCase()] / sizeGib) * 100;
  return null;
}

/** A number as the form shows it: up to 6 significant digits, no trailing zeros. */
const short = (x) => String(+x.toPrecision(6));

/**
 * The Backup plan tab's inputs for a strategy's plan, on top of that tab's `current` inputs: the
 * plan exported into its editor, the first resource into its simulation form.
 */
export function backupTabInputs(backupPlan, current) {
  const text = exportBackupPlan(backupPlan.plan, HANDOFF_SHAPE).text;
  const r = backupPlan.resources?.[0];
  const simulation = { ...current.simulation, plan: '0' };
  if (r) {
    if (SIM_TYPES.includes(r.resource_type)) simulation.type = r.resource_type;
    if (typeof r.size_gib === 'number') simulation.size = short(r.size_gib);
    const change = changePercent(r.change_rate, r.size_gib);
    if (change !== null) simulation.change = short(change);
    if (r.region) simulation.region = r.region;
  }
  return { ...current, document: text, export: { ...current.export, plan: '0' }, simulation };
}
