// "Backup plan" tab, rendering: the verdict and detected shape, the findings grouped by severity,
// and each normalized plan's rules with their next runs. Everything shown is what the core returned
// (`lintBackupPlan`, `scheduleRuns`, `cronSummary`); AWS's documented defaults are shown as such
// where the document leaves a field out.

import { h, humanDuration } from '../shared/format.js';

/** AWS Backup's defaults for a rule's absent fields (aws-backup.md §2.3, §5.2 W3/W4, §7). */
export const RULE_DEFAULTS = {
  schedule_expression: 'cron(0 5 ? * * *)',
  time_zone: 'UTC',
  start_window_minutes: 480,
  completion_window_minutes: 10080,
};

export const SHAPE_LABELS = {
  get_backup_plan_output: 'get-backup-plan output',
  create_backup_plan_input: 'create-backup-plan input',
  backup_plan_document: 'BackupPlan document',
  cloudformation_template: 'CloudFormation template',
  organizations_policy: 'Organizations backup policy',
};

export const SEVERITIES = [
  ['error', 'Errors', 'AWS would reject the plan'],
  ['warning', 'Warnings', 'accepted, but probably not what you want'],
  ['info', 'Info', 'worth knowing'],
];

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---- Verdict and shape -------------------------------------------------------------------------

export function renderVerdict(box, textEl, shapeEl, lint) {
  const infos = lint.issues.filter((i) => i.severity === 'info').length;
  const rules = lint.parsed.plans.reduce((n, p) => n + p.rules.length, 0);
  box.classList.toggle('invalid', !lint.valid);
  textEl.replaceChildren(
    h('span', { class: `status ${lint.valid ? 'ok' : 'fail'}` },
      lint.valid ? 'AWS would accept this plan' : 'AWS would reject this plan'),
    h('span', { class: 'counts' },
      ` — ${plural(lint.error_count, 'error')}, ${plural(lint.warning_count, 'warning')}, ${infos} info`,
      lint.valid ? ' (as far as drplan can tell without your account)' : null),
  );
  shapeEl.dataset.shape = lint.parsed.shape;
  shapeEl.dataset.format = lint.parsed.format;
  shapeEl.replaceChildren(...[
    'Read as ', h('strong', {}, SHAPE_LABELS[lint.parsed.shape] ?? lint.parsed.shape),
    h('span', { class: 'chip-plain' }, lint.parsed.format.toUpperCase()),
    ` ${plural(lint.parsed.plans.length, 'plan')}, ${plural(rules, 'rule')}`,
    lint.parsed.vaults.length ? `, ${plural(lint.parsed.vaults.length, 'vault')}` : null,
    lint.parsed.selections.length ? `, ${plural(lint.parsed.selections.length, 'selection')}` : null,
  ].filter((x) => x !== null));
}

// ---- Findings ----------------------------------------------------------------------------------

/**
 * The findings, grouped by severity in the core's order. `located[i]` is where issue i sits in
 * the text (`{line, exact}`); `onPick(i)` shows it in the editor.
 */
export function renderFindings(container, countEl, issues, located, onPick) {
  countEl.textContent = String(issues.length);
  if (!issues.length) {
    container.replaceChildren(h('p', { class: 'b-none' }, 'No findings: nothing to fix, nothing to watch.'));
    return;
  }
  const groups = SEVERITIES.map(([sev, title, what]) => {
    const items = issues.map((issue, i) => [issue, i]).filter(([issue]) => issue.severity === sev);
    if (!items.length) return null;
    return h('section', { class: `b-group sev-${sev}` },
      h('h3', {}, `${title} (${items.length})`, h('span', { class: 'what' }, ` — ${what}`)),
      h('ul', { class: 'b-findings' }, items.map(([issue, i]) => {
        const loc = located[i];
        return h('li', {
          class: `b-finding sev-${issue.severity}`,
          dataset: { testid: 'backup-finding', code: issue.code, path: issue.path, severity: issue.severity, index: String(i) },
        }, h('button', {
          type: 'button',
          class: 'b-finding-btn',
          title: loc?.exact === false ? 'Not in the text as such: shows where it belongs' : 'Show it in the editor',
          onclick: () => onPick(i),
        },
        h('span', { class: 'f-head' },
          h('span', { class: 'sev' }, issue.severity),
          h('code', { class: 'f-code' }, issue.code),
          loc ? h('span', { class: 'f-line' }, `line ${loc.line + 1}`) : null),
        h('span', { class: 'f-msg' }, issue.message),
        issue.hint ? h('span', { class: 'f-hint' }, issue.hint) : null,
        h('code', { class: 'f-path' }, issue.path || '(whole document)')));
      })));
  });
  container.replaceChildren(...groups.filter(Boolean));
}

// ---- Rules -------------------------------------------------------------------------------------

function minutes(n) {
  try {
    return humanDuration(n * 60);
  } catch {
    return `${n} min`;
  }
}

function defaulted(text) {
  return h('span', { class: 'dflt', title: 'not in the document: AWS’s default' }, text, ' ', h('span', { class: 'dflt-tag' }, 'default'));
}

function lifecycleText(lc) {
  if (!lc || (lc.move_to_cold_after_days == null && lc.delete_after_days == null && !lc.delete_after_event)) {
    return [h('span', { class: 'forever' }, 'kept forever')];
  }
  const parts = [];
  if (lc.move_to_cold_after_days != null) parts.push(h('span', { class: 'lc' }, `cold after ${lc.move_to_cold_after_days} d`));
  if (lc.delete_after_days != null) parts.push(h('span', { class: 'lc' }, `delete after ${lc.delete_after_days} d`));
  else parts.push(h('span', { class: 'lc forever' }, 'never deleted'));
  if (lc.delete_after_event) parts.push(h('span', { class: 'lc' }, lc.delete_after_event));
  if (lc.opt_in_to_archive_for_supported_resources) parts.push(h('span', { class: 'lc' }, 'archive tier opt-in'));
  return parts;
}

function copyItem(c) {
  const known = c.destination_region || c.destination_vault_name;
  return h('li', { class: 'copy' },
    h('span', { class: 'dest' }, '→ ', known
      ? [h('strong', {}, c.destination_region ?? 'Region unknown'), c.destination_vault_name ? ` · ${c.destination_vault_name}` : null]
      : c.destination_vault_arn
        ? h('code', { class: 'arn' }, c.destination_vault_arn)
        : h('span', { class: 'muted' }, 'destination unknown until deployed')),
    h('span', { class: 'acct' },
      c.destination_account ? `account ${c.destination_account}` : null,
      c.cross_region ? h('span', { class: 'chip-plain xr' }, 'cross-Region') : null,
      c.cross_account ? h('span', { class: 'chip-plain xa' }, 'cross-account') : null),
    h('span', { class: 'copy-lc' }, c.lifecycle ? lifecycleText(c.lifecycle) : 'lifecycle of the source'));
}

function ruleRow(rule) {
  const td = (label, ...content) => h('td', { 'data-label': label }, ...content);
  const windows = [
    rule.start_window_minutes != null
      ? h('span', { class: 'win' }, `start ${minutes(rule.start_window_minutes)}`)
      : defaulted(`start ${minutes(RULE_DEFAULTS.start_window_minutes)}`),
    rule.completion_window_minutes != null
      ? h('span', { class: 'win' }, `complete ${minutes(rule.completion_window_minutes)}`)
      : defaulted(`complete ${minutes(RULE_DEFAULTS.completion_window_minutes)}`),
  ];
  return h('tr', { dataset: { testid: `backup-rule-${rule.name}`, rule: rule.name } },
    h('th', { scope: 'row', 'data-label': 'Rule' },
      h('span', { class: 'rule-name' }, rule.name || '(no name)'),
      h('span', { class: 'vault' }, 'vault ', h('code', {}, rule.target_vault_name || '?')),
      rule.target_logically_air_gapped_vault_arn
        ? h('span', { class: 'vault' }, 'air-gapped ', h('code', { class: 'arn' }, rule.target_logically_air_gapped_vault_arn))
        : null),
    td('Schedule',
      rule.schedule_expression != null
        ? h('code', { class: 'cron' }, rule.schedule_expression)
        : defaulted(h('code', { class: 'cron' }, RULE_DEFAULTS.schedule_expression)),
      h('span', { class: 'tz' }, rule.schedule_expression_timezone ?? defaulted(RULE_DEFAULTS.time_zone))),
    td('Windows', h('span', { class: 'stack' }, windows)),
    td('Lifecycle', h('span', { class: 'stack' }, lifecycleText(rule.lifecycle))),
    td('Continuous', rule.enable_continuous_backup
      ? h('span', { class: 'yes' }, 'yes (PITR)')
      : h('span', { class: 'no' }, 'no')),
    td('Copies', rule.copy_actions?.length
      ? h('ul', { class: 'copies' }, rule.copy_actions.map(copyItem))
      : h('span', { class: 'no' }, 'none')));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon 2026-03-02 05:00" from a run's local RFC 3339 time (the rule's zone). */
export function localLabel(local) {
  const day = WEEKDAYS[new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay()];
  return `${day} ${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

function offsetLabel(local) {
  const off = local.slice(19);
  return off === 'Z' || off === '+00:00' ? 'UTC' : `UTC${off.replace('-', '−')}`;
}

const utcShort = (t) => `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;

const DST_LABELS = {
  fold_first_occurrence: 'DST: repeated hour, runs once',
  moved_out_of_gap: 'DST: moved out of the skipped hour',
};

function errorLine(e) {
  const issue = e.issues?.[0];
  return h('p', { class: 'error' }, h('code', {}, issue?.code ?? e.code), ' ', issue?.message ?? e.message,
    issue?.hint ? h('span', { class: 'hint' }, ` — ${issue.hint}`) : null);
}

function runsCard(rule, s) {
  const body = [];
  if (s.runs) {
    body.push(h('ol', { class: 'runs' }, s.runs.runs.map((r) => h('li', {
      title: r.start_window_end_utc
        ? `${utcShort(r.utc)}; must start by ${utcShort(r.start_window_end_utc)}, may run until ${utcShort(r.completion_window_end_utc)}`
        : utcShort(r.utc),
    },
    h('time', { datetime: r.utc }, localLabel(r.local)),
    h('span', { class: 'off' }, offsetLabel(r.local)),
    r.dst ? h('span', { class: 'chip-plain' }, DST_LABELS[r.dst] ?? r.dst) : null))));
    if (!s.runs.runs.length) body.push(h('p', { class: 'muted' }, 'No run after this instant.'));
    if (s.optionsDropped) body.push(h('p', { class: 'muted' }, 'Windows left out: the rule’s own are invalid (see the findings).'));
  } else if (s.error && !s.fromError) {
    body.push(errorLine(s.error));
  }
  if (s.summary) {
    const sm = s.summary;
    const gap = sm.max_gap_seconds == null ? null : humanDuration(sm.max_gap_seconds);
    body.push(h('p', { class: 'gap', dataset: { maxGap: String(sm.max_gap_seconds) } },
      h('span', { class: 'gap-label' }, 'Worst-case gap '),
      gap ? h('strong', {}, gap) : h('strong', {}, 'single run'),
      gap && sm.max_gap_from ? h('span', { class: 'muted' }, ` (${sm.max_gap_from.slice(0, 10)} → ${sm.max_gap_until.slice(0, 10)})`) : null,
      sm.typical_gap_seconds != null && sm.typical_gap_seconds !== sm.max_gap_seconds
        ? h('span', { class: 'muted' }, `; typically ${humanDuration(sm.typical_gap_seconds)}`) : null,
      h('span', { class: 'muted' }, ` over ${plural(sm.runs, 'run')} in a year`)));
    if (sm.fires_more_than_once_per_hour) body.push(h('p', { class: 'note' }, 'Fires more than once an hour: AWS Backup allows at most hourly.'));
  } else if (s.summaryError && !s.fromError && s.runs) {
    body.push(errorLine(s.summaryError));
  }
  return h('div', { class: 'runs-card', dataset: { testid: `backup-next-runs-${rule.name}`, rule: rule.name } },
    h('h4', {}, rule.name || '(no name)',
      h('span', { class: 'muted' }, ` ${s.time_zone ?? 'UTC'}`),
      s.defaulted ? h('span', { class: 'dflt-tag' }, 'default schedule') : null,
      rule.enable_continuous_backup ? h('span', { class: 'chip-plain' }, 'PITR') : null),
    body);
}

function planMeta(plan) {
  const bits = [];
  if (plan.region) bits.push(['Region', plan.region]);
  if (plan.account) bits.push(['account', plan.account]);
  if (plan.regions?.length) bits.push(['deployed to', plan.regions.join(', ')]);
  const tags = Object.entries(plan.tags ?? {});
  if (tags.length) bits.push(['tags', tags.map(([k, v]) => `${k}=${v}`).join(', ')]);
  if (!bits.length) return null;
  return h('p', { class: 'meta' }, bits.map(([k, v], i) => [i ? ' · ' : '', `${k} `, h('strong', {}, v)]));
}

/** One block per plan: the rules table, then each rule's next runs. */
export function renderPlans(container, plans, schedules) {
  if (!plans.length) {
    container.replaceChildren(h('p', { class: 'b-none' }, 'The document holds no plan.'));
    return;
  }
  container.replaceChildren(...plans.map((plan, pi) => h('article', { class: 'b-plan', dataset: { plan: plan.name } },
    h('header', {}, h('h3', {}, 'Plan ', h('span', { class: 'plan-name' }, plan.name || '(no name)')), planMeta(plan)),
    plan.rules.length
      ? [
        h('div', { class: 'table-wrap' }, h('table', { class: 'b-rules' },
          h('thead', {}, h('tr', {}, ['Rule', 'Schedule', 'Windows', 'Lifecycle', 'Continuous', 'Copies'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, plan.rules.map(ruleRow)))),
        h('h4', { class: 'runs-title' }, 'Next runs'),
        h('div', { class: 'runs-grid' }, plan.rules.map((rule, ri) => runsCard(rule, schedules.find((s) => s.planIndex === pi && s.ruleIndex === ri)))),
      ]
      : h('p', { class: 'b-none' }, 'No rules.'))));
}
