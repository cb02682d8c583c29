// The "Migration" input form: the wizard's steps (source, target, network, constraints, then the
// optional options, prices, schema conversion and throughput overrides), bound to the one input
// document `scenario` by JSON pointers. Fields that do not apply (MySQL settings for a PostgreSQL
// source, replica facts for a source outside RDS…) are hidden, and their keys dropped when the
// choice that hides them changes.

import { h, tickLabel } from '../shared/format.js';
import { FieldForm } from '../shared/fieldform.js';
import { getAt, deleteAt } from '../shared/pointer.js';

export const ENGINES = [
  ['mysql', 'MySQL'],
  ['mariadb', 'MariaDB'],
  ['postgresql', 'PostgreSQL'],
  ['oracle', 'Oracle'],
  ['sqlserver', 'SQL Server'],
];

const LOCATIONS = [
  ['on_premises', 'On premises'],
  ['other_cloud', 'Another cloud'],
  ['ec2', 'Amazon EC2 (self-managed)'],
  ['rds', 'Amazon RDS'],
  ['aurora', 'Amazon Aurora'],
];

const LINKS = [
  ['internet', 'Internet'],
  ['vpn', 'Site-to-Site VPN'],
  ['direct_connect', 'Direct Connect'],
  ['aws_backbone', 'AWS backbone'],
];

// A current version per engine, filled in when the engine (or the target service) changes: the
// previous engine's version would only be an error.
const SOURCE_VERSIONS = { mysql: '8.0.36', mariadb: '10.11.6', postgresql: '16.1', oracle: '19c', sqlserver: '2019' };
const AURORA_VERSIONS = { mysql: '3.05.2', postgresql: '16.1' };

const FAMILY = { mysql: 'mysql', mariadb: 'mysql', postgresql: 'postgresql', oracle: 'oracle', sqlserver: 'sqlserver' };
const family = (engine) => FAMILY[engine] ?? engine;
const src = (s) => s?.source ?? {};
const isMysql = (s) => family(src(s).engine) === 'mysql';
const isPostgres = (s) => family(src(s).engine) === 'postgresql';
const inAws = (s) => ['ec2', 'rds', 'aurora'].includes(src(s).location);
const managed = (s) => ['rds', 'aurora'].includes(src(s).location);
const engineChange = (s) => s?.target?.engine !== undefined && family(src(s).engine) !== family(s.target.engine);

const SOURCE_FIELDS = [
  { key: 'engine', label: 'Engine', type: 'select', options: ENGINES, half: true, structural: true },
  { key: 'version', label: 'Version', type: 'text', required: true, half: true, placeholder: '8.0.36' },
  { key: 'location', label: 'Runs', type: 'select', options: LOCATIONS, structural: true },
  { key: 'size_gib', label: 'Data size', type: 'unit', required: true, half: true, help: 'GiB, or "2 TiB"' },
  { key: 'largest_table_gib', label: 'Largest table', type: 'unit', half: true, placeholder: 'not given', help: '16 TB snapshot limit' },
  { key: 'change_rate_bps', label: 'Change rate', type: 'unit', placeholder: 'not given', help: 'rate the source writes changed data, e.g. "2 MB/s": sizes catch-up' },
  { key: 'encrypted', label: 'Encrypted at rest (TDE, encrypted storage or tablespaces)', type: 'bool' },
  { key: 'binlog_format', label: 'binlog_format', type: 'select', optional: 'not given', options: [['row', 'ROW'], ['mixed', 'MIXED'], ['statement', 'STATEMENT'], ['off', 'OFF (log_bin off)']], half: true, when: isMysql },
  { key: 'binlog_row_image', label: 'binlog_row_image', type: 'select', optional: 'not given', options: [['full', 'FULL'], ['minimal', 'MINIMAL'], ['noblob', 'NOBLOB']], half: true, when: isMysql },
  { key: 'wal_level', label: 'wal_level', type: 'select', optional: 'not given', options: [['logical', 'logical'], ['replica', 'replica'], ['minimal', 'minimal']], half: true, when: isPostgres, help: 'on RDS/Aurora: logical ⇔ rds.logical_replication = 1' },
  { key: 'all_tables_have_primary_keys', label: 'Every table has a primary key', type: 'tristate', half: true },
  { key: 'replica_identity_full', label: 'Tables without a key have REPLICA IDENTITY FULL', type: 'bool', when: isPostgres },
  { key: 'settings_changeable', label: 'Source parameters may be changed for the migration', type: 'bool', dflt: true, help: 'binlog_format, wal_level, rds.logical_replication…' },
  { key: 'lob_columns', label: 'Some tables have LOB columns (BLOB, CLOB, TEXT, bytea…)', type: 'bool' },
  { key: 'largest_lob_gib', label: 'Largest LOB value', type: 'unit', placeholder: 'not given', help: 'e.g. "40 MiB": picks the DMS LOB mode' },
  { key: 'has_aurora_replica', label: 'Already has an Aurora read replica', type: 'bool', when: (s) => src(s).location === 'rds' },
  { key: 'has_cross_region_replica', label: 'Already has a cross-Region read replica', type: 'bool', when: (s) => src(s).location === 'rds' },
  { key: 'storage_engines', label: 'Storage engines in use', type: 'set', dflt: ['innodb'], more: true, when: isMysql, options: [['innodb', 'InnoDB'], ['myisam', 'MyISAM'], ['memory', 'MEMORY'], ['archive', 'ARCHIVE'], ['csv', 'CSV'], ['other', 'other']] },
  { key: 'compressed_tables', label: 'Some tables use ROW_FORMAT=COMPRESSED', type: 'bool', more: true, when: isMysql },
  { key: 'largest_myisam_or_compressed_table_gib', label: 'Largest MyISAM or compressed table', type: 'unit', placeholder: 'not given', help: '8 TB limit', more: true, when: isMysql },
  { key: 'memcached_plugin', label: 'memcached plugin installed', type: 'bool', more: true, when: isMysql },
  { key: 'innodb_page_size_kib', label: 'innodb_page_size (KiB)', type: 'number', placeholder: 'not given', half: true, more: true, when: (s) => isMysql(s) && !managed(s) },
  { key: 'innodb_log_files_in_group', label: 'innodb_log_files_in_group', type: 'number', placeholder: 'not given', half: true, more: true, when: (s) => isMysql(s) && !managed(s) },
  { key: 'default_system_tablespace', label: 'System tablespace is the default ibdata1', type: 'tristate', more: true, when: (s) => isMysql(s) && !managed(s) },
  { key: 'tables_outside_datadir', label: 'Some tables live outside the data directory', type: 'bool', more: true, when: (s) => isMysql(s) && !managed(s) },
];

const TARGET_FIELDS = [
  { key: 'service', label: 'Service', type: 'select', options: [['aurora', 'Amazon Aurora'], ['rds', 'Amazon RDS']], half: true, structural: true },
  { key: 'engine', label: 'Engine', type: 'select', options: ENGINES, half: true, structural: true, help: 'Aurora runs MySQL and PostgreSQL' },
  { key: 'version', label: 'Version', type: 'text', required: true, half: true, placeholder: '3.05.2', help: 'Aurora MySQL: "3.05.2" or "8.0"' },
  { key: 'capacity', label: 'Capacity', type: 'select', options: [['provisioned', 'Provisioned'], ['serverless', 'Serverless v2']], half: true, when: (s) => s?.target?.service === 'aurora' },
  { key: 'region', label: 'Region', type: 'select', options: [['same', 'Same as the source'], ['other', 'Another Region']], half: true, when: inAws },
  { key: 'account', label: 'Account', type: 'select', options: [['same', 'Same as the source'], ['other', 'Another account']], half: true, when: inAws },
  { key: 'encrypted', label: 'Encrypted at rest', type: 'bool', dflt: true },
];

const NETWORK_FIELDS = [
  { key: 'bandwidth_bps', label: 'Bandwidth', type: 'unit', half: true, placeholder: '1 Gbps', help: 'e.g. "1 Gbps", "500 Mbps"' },
  { key: 'utilization', label: 'Utilization', type: 'number', half: true, placeholder: '0.8', help: 'share usable, 0.8 = 80 %' },
  { key: 'link', label: 'Link', type: 'select', optional: 'not given (internet)', options: LINKS },
];

const CONSTRAINT_FIELDS = [
  { key: 'downtime_tolerance_seconds', label: 'Downtime tolerance', type: 'unit', half: true, placeholder: 'any', help: 'longest write outage, e.g. "15m"' },
  { key: 'deadline_seconds', label: 'Deadline', type: 'unit', half: true, placeholder: 'none', help: 'start to cut-over, e.g. "14d"' },
  { key: 'budget_usd', label: 'Budget (USD)', type: 'number', placeholder: 'none', help: 'priced migration charges only' },
  { key: 'source_must_stay_online', label: 'Source must keep serving writes until cut-over (no restart)', type: 'bool' },
];

const OPTION_FIELDS = [
  { key: 'dms_multi_az', label: 'Multi-AZ DMS replication instance', type: 'bool' },
  { key: 'allow_offline_transfer', label: 'Consider offline transfer (ship the data)', type: 'bool' },
  { key: 'existing_snow_customer', label: 'Existing AWS Snow customer', type: 'bool', help: 'Snowball Edge is closed to new customers' },
  { key: 'prefer', label: 'Rank by', type: 'select', optional: 'balanced (default)', options: [['fastest', 'fastest'], ['least_downtime', 'least downtime'], ['cheapest', 'cheapest'], ['least_effort', 'least effort']], help: 'balanced weighs effort, risk, time, downtime, cost and margin (migration.md §7.3)' },
];

const PRICE_FIELDS = [
  { key: 'dms_instance_usd_per_hour', label: 'DMS instance, Single-AZ (USD/h)', type: 'number', half: true, placeholder: 'not priced' },
  { key: 'dms_multi_az_instance_usd_per_hour', label: 'DMS instance, Multi-AZ (USD/h)', type: 'number', half: true, placeholder: 'not priced' },
  { key: 'snapshot_copy_usd_per_gb', label: 'Cross-Region snapshot copy (USD/GB)', type: 'number', half: true, placeholder: 'not priced' },
  { key: 'offline_transfer_usd', label: 'Offline transfer, all fees (USD)', type: 'number', half: true, placeholder: 'not priced' },
  { key: 's3_standard_usd_per_gb_month', label: 'S3 Standard (USD/GB-month)', type: 'number', half: true, placeholder: '0.023' },
  { key: 'hours_per_month', label: 'Hours per month', type: 'number', half: true, placeholder: '730' },
];

const CONVERSION_FIELDS = [
  { key: 'tool', label: 'Tool', type: 'select', options: [['sct', 'AWS SCT'], ['dms_schema_conversion', 'DMS Schema Conversion']] },
  { key: 'simple_actions', label: 'Simple items (< 2 h)', type: 'number', half: true, placeholder: '0' },
  { key: 'medium_actions', label: 'Medium items (2–6 h)', type: 'number', half: true, placeholder: '0' },
  { key: 'significant_actions', label: 'Significant items (> 6 h)', type: 'number', half: true, placeholder: '0' },
  { key: 'significant_max_hours_each', label: 'Hours per Significant item, at most', type: 'number', half: true, placeholder: 'required if any' },
  { key: 'engineers', label: 'Engineers', type: 'number', half: true, placeholder: '1' },
  { key: 'hours_per_day', label: 'Productive hours per day', type: 'number', half: true, placeholder: '8' },
];

// Throughput and duration assumptions (the report lists each default with its basis).
const OVERRIDES = [
  ['cutover_seconds', 'Cut-over', 's'],
  ['replica_build_seconds_per_tib', 'Aurora replica build, per TiB', 's'],
  ['snapshot_migrate_seconds_per_tib', 'Snapshot migration, per TiB', 's'],
  ['snapshot_copy_rate_bps', 'Snapshot copy rate', 'bps'],
  ['replica_apply_rate_bps', 'Replica apply rate', 'bps'],
  ['mysqldump_dump_rate_bps', 'mysqldump dump rate', 'bps'],
  ['mysqldump_load_rate_bps', 'mysqldump load rate', 'bps'],
  ['mydumper_dump_rate_bps', 'mydumper dump rate', 'bps'],
  ['myloader_load_rate_bps', 'myloader load rate', 'bps'],
  ['xtrabackup_backup_rate_bps', 'XtraBackup backup rate', 'bps'],
  ['s3_restore_rate_bps', 'Restore from S3 rate', 'bps'],
  ['binlog_apply_rate_bps', 'Binlog apply rate', 'bps'],
  ['pg_dump_rate_bps', 'pg_dump rate', 'bps'],
  ['pg_restore_rate_bps', 'pg_restore rate', 'bps'],
  ['pg_logical_copy_rate_bps', 'Logical replication copy rate', 'bps'],
  ['pg_logical_apply_rate_bps', 'Logical replication apply rate', 'bps'],
  ['dms_full_load_rate_bps', 'DMS full-load rate', 'bps'],
  ['dms_cdc_apply_rate_bps', 'DMS CDC apply rate', 'bps'],
  ['mysqldump_small_threshold_gib', '“Small” for mysqldump', 'gib'],
  ['xtrabackup_split_size_gib', 'XtraBackup split size', 'gib'],
  ['offline_copy_rate_bps', 'Offline copy rate', 'bps'],
  ['offline_transit_seconds', 'Offline transit time', 's'],
];
const OVERRIDE_FIELDS = OVERRIDES.map(([key, label]) => ({ key, label, type: 'unit', half: true, placeholder: 'default' }));

/** "400 Mbit/s", "10 min", "100 GiB", "80 %": an assumption's value as a placeholder. */
export function assumedValue(a) {
  switch (a.unit) {
    case 'bit/s': {
      const [div, u] = a.value >= 1e9 ? [1e9, 'Gbit/s'] : a.value >= 1e6 ? [1e6, 'Mbit/s'] : a.value >= 1e3 ? [1e3, 'kbit/s'] : [1, 'bit/s'];
      return `${+(a.value / div).toPrecision(4)} ${u}`;
    }
    case 's':
      return tickLabel(a.value);
    case 'GiB':
      return `${+a.value.toPrecision(4)} GiB`;
    case 'share':
      return `${+(a.value * 100).toPrecision(4)} %`;
    default:
      return `${+a.value.toPrecision(4)} ${a.unit}`;
  }
}

/** The wizard's steps: [id, title, base path]. */
export const STEPS = [
  ['m-step-source', 'Source', '/source'],
  ['m-step-target', 'Target', '/target'],
  ['m-step-network', 'Network', '/network'],
  ['m-step-constraints', 'Constraints', '/constraints'],
  ['m-step-more', 'Options & overrides', ''],
];

export class MigrationForm extends FieldForm {
  /** Drop the keys of fields a structural change hid (MySQL settings of a PostgreSQL source…). */
  afterEdit(bound) {
    const { scenario } = this.getState();
    if (bound.path === '/source/engine' && SOURCE_VERSIONS[scenario.source.engine]) {
      scenario.source.version = SOURCE_VERSIONS[scenario.source.engine];
    }
    if (bound.path === '/target/engine' || bound.path === '/target/service') {
      const t = scenario.target;
      const v = (t.service === 'aurora' ? AURORA_VERSIONS : SOURCE_VERSIONS)[t.engine];
      if (v) t.version = v;
    }
    if (bound.spec.structural) {
      for (const [base, specs] of [['/source', SOURCE_FIELDS], ['/target', TARGET_FIELDS]]) {
        for (const spec of specs) {
          if (spec.when && !spec.when(scenario)) deleteAt(scenario, `${base}/${spec.key}`);
        }
      }
      if (!engineChange(scenario)) delete scenario.schema_conversion;
    }
    // An empty object stands for nothing: the core treats a missing member as "not given".
    for (const key of ['network', 'constraints', 'options', 'overrides', 'prices']) {
      const v = scenario[key];
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) delete scenario[key];
    }
  }

  /** Notes under a field or group: every non-error issue of the core at exactly that path. */
  noteText(issue) {
    return `${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`;
  }

  /** Rebuild every field from the current scenario. */
  render() {
    const { scenario: s } = this.getState();
    const active = document.activeElement?.id;
    const visible = (specs) => specs.filter((f) => !f.when || f.when(s));
    this.specs.clear();
    const outside = !inAws(s);
    this.root.replaceChildren(
      this.section('scenario', '/source', '1 · Source database', visible(SOURCE_FIELDS), s,
        'The database you are moving, as it runs today. Picking an engine fills in a recent version: change it to yours.',
        { id: STEPS[0][0], notes: true }),
      this.section('scenario', '/target', '2 · Target', visible(TARGET_FIELDS), s,
        'Where it goes: Amazon RDS or Aurora.', { id: STEPS[1][0], notes: true }),
      this.section('scenario', '/network', '3 · Network', NETWORK_FIELDS, s,
        outside
          ? 'The link the data crosses into AWS (required for this source).'
          : 'Optional for a source in AWS: leave the bandwidth empty for no link limit.',
        { id: STEPS[2][0], notes: true }),
      this.section('scenario', '/constraints', '4 · Constraints', CONSTRAINT_FIELDS, s,
        'A path that breaks one is excluded, with the reason. Durations like “15m”, “8h”, “14d”.',
        { id: STEPS[3][0], notes: true }),
      this.#moreSection(s),
    );
    if (active) document.getElementById(active)?.focus();
  }

  #moreSection(s) {
    const group = (title, base, specs, intro, openWhen) => {
      const present = getAt(s, base) !== undefined;
      return h('details', { class: 'more group', open: present || openWhen },
        h('summary', {}, title),
        h('div', { class: 'subsection', dataset: { input: 'scenario', path: base } },
          intro ? h('p', { class: 'intro' }, intro) : null,
          h('div', { class: 'grid' }, specs.map((spec) => this.field('scenario', base, spec, s))),
          h('p', { class: 'note', hidden: true }),
          h('p', { class: 'error', hidden: true })));
    };
    return h('fieldset', { class: 'section', id: STEPS[4][0], dataset: { input: 'scenario', path: '' } },
      h('legend', {}, '5 · Options, prices and overrides'),
      h('p', { class: 'intro' }, 'All optional. Missing prices are reported as “not priced”, never as $0.'),
      engineChange(s)
        ? group('Schema conversion (engine change)', '/schema_conversion', CONVERSION_FIELDS,
          'Action-item counts from your SCT or DMS Schema Conversion assessment report.', true)
        : null,
      group('Options', '/options', OPTION_FIELDS),
      group('Prices', '/prices', PRICE_FIELDS, 'Your prices for the charges drplan can model.'),
      group('Throughput overrides', '/overrides', OVERRIDE_FIELDS,
        'drplan’s default rates are placeholders to replace with a measured trial run: the placeholder shows the default in use.'),
      h('p', { class: 'error', hidden: true }));
  }

  /** Show the default each override field stands for (from the report's assumptions). */
  showAssumed(assumptions) {
    const byName = new Map(assumptions.map((a) => [a.name, a]));
    for (const [key] of OVERRIDES) {
      const el = this.root.querySelector(`[data-path="/overrides/${key}"] input`);
      const a = byName.get(key);
      if (!el) continue;
      el.placeholder = a && a.status !== 'caller' ? `default ${assumedValue(a)}` : 'default (not used)';
      el.title = a && a.status !== 'caller' ? `${a.status}: ${a.basis}` : '';
    }
  }

  /** Per step, whether one of its fields shows an error (for the step list). */
  stepErrors() {
    return STEPS.map(([id]) => !!document.getElementById(id)?.querySelector('.error:not([hidden])'));
  }
}
