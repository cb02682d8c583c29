// The scenario the Migration tab opens with, and the examples it offers. The examples are the
// inputs of drplan's golden test vectors (tests/golden/migration/*/input.json), unchanged.

/** On-premises MySQL 8.0, 500 GiB, over 1 Gbps at 80 %, into Aurora MySQL v3 with 1 h of downtime. */
export function defaultScenario() {
  return {
    source: {
      engine: 'mysql',
      version: '8.0.36',
      location: 'on_premises',
      size_gib: 500,
      encrypted: false,
      binlog_format: 'row',
      change_rate_bps: '1 MB/s',
    },
    target: { service: 'aurora', engine: 'mysql', version: '3.05.2' },
    network: { bandwidth_bps: '1 Gbps', utilization: 0.8, link: 'direct_connect' },
    constraints: { downtime_tolerance_seconds: '1h' },
  };
}

const PRESETS = [
  {
    id: 'default',
    label: 'On-premises MySQL 8.0, 500 GiB → Aurora MySQL, 1 h downtime',
    scenario: defaultScenario,
  },
  {
    id: 'rds-mysql-replica-low-downtime',
    label: 'RDS for MySQL 8.0 → Aurora MySQL, 30 min downtime',
    scenario: () => ({
      source: { engine: 'mysql', version: '8.0.35', location: 'rds', size_gib: '500 GiB', encrypted: true, binlog_format: 'row', change_rate_bps: '1 MB/s' },
      target: { service: 'aurora', engine: 'mysql', version: '3.05.2' },
      constraints: { downtime_tolerance_seconds: '30m' },
    }),
  },
  {
    id: 'onprem-mysql-xtrabackup-binlog',
    label: 'On-premises MySQL 5.7, 2 TiB → Aurora MySQL v2, 15 min, 14-day deadline',
    scenario: () => ({
      source: {
        engine: 'mysql', version: '5.7.42', location: 'on_premises', size_gib: '2 TiB', encrypted: false,
        binlog_format: 'row', change_rate_bps: '2 MB/s', innodb_page_size_kib: 16, default_system_tablespace: true,
        innodb_log_files_in_group: 2,
      },
      target: { service: 'aurora', engine: 'mysql', version: '2.11.4' },
      network: { bandwidth_bps: '1 Gbps', link: 'direct_connect' },
      constraints: { downtime_tolerance_seconds: '15m', deadline_seconds: '14d' },
    }),
  },
  {
    id: 'onprem-pg-logical',
    label: 'On-premises PostgreSQL 13, 1 TiB → Aurora PostgreSQL, 15 min downtime',
    scenario: () => ({
      source: {
        engine: 'postgresql', version: '13.13', location: 'on_premises', size_gib: '1 TiB', encrypted: false,
        wal_level: 'logical', all_tables_have_primary_keys: true, change_rate_bps: '1 MB/s',
      },
      target: { service: 'aurora', engine: 'postgresql', version: '13.12' },
      network: { bandwidth_bps: '1 Gbps' },
      constraints: { downtime_tolerance_seconds: '15m' },
    }),
  },
  {
    id: 'rds-pg-snapshot',
    label: 'RDS for PostgreSQL 15 → Aurora PostgreSQL, 4 h window',
    scenario: () => ({
      source: {
        engine: 'postgresql', version: '15.4', location: 'rds', size_gib: '800 GiB', encrypted: true,
        wal_level: 'logical', all_tables_have_primary_keys: true, change_rate_bps: '1 MB/s',
      },
      target: { service: 'aurora', engine: 'postgresql', version: '15.4' },
      constraints: { downtime_tolerance_seconds: '4h' },
    }),
  },
  {
    id: 'oracle-to-aurora-pg',
    label: 'Oracle 19c → Aurora PostgreSQL (schema conversion, priced DMS)',
    scenario: () => ({
      source: {
        engine: 'oracle', version: '19c', location: 'on_premises', size_gib: '2 TiB', encrypted: true,
        lob_columns: true, largest_lob_gib: '40 MiB', change_rate_bps: '1 MB/s',
      },
      target: { service: 'aurora', engine: 'postgresql', version: '16.1' },
      network: { bandwidth_bps: '1 Gbps', link: 'direct_connect' },
      constraints: { downtime_tolerance_seconds: '1h', deadline_seconds: '60d' },
      options: { dms_multi_az: true },
      schema_conversion: {
        tool: 'sct', simple_actions: 120, medium_actions: 30, significant_actions: 5,
        significant_max_hours_each: 40, engineers: 3,
      },
      prices: { dms_multi_az_instance_usd_per_hour: 1.2 },
    }),
  },
  {
    id: 'sqlserver-to-rds-sqlserver',
    label: 'SQL Server 2019 → RDS for SQL Server, 30 min, 500 USD budget',
    scenario: () => ({
      source: {
        engine: 'sqlserver', version: '2019', location: 'on_premises', size_gib: 600, encrypted: false,
        lob_columns: true, change_rate_bps: '500 KB/s',
      },
      target: { service: 'rds', engine: 'sqlserver', version: '2019' },
      network: { bandwidth_bps: '2 Gbps' },
      constraints: { downtime_tolerance_seconds: '30m', budget_usd: 500 },
      prices: { dms_instance_usd_per_hour: 0.7 },
    }),
  },
  {
    id: 'onprem-mysql-offline-dtt',
    label: 'MySQL 100 TiB over 100 Mbps, 60-day deadline: offline transfer',
    scenario: () => ({
      source: {
        engine: 'mysql', version: '8.0.36', location: 'on_premises', size_gib: '100 TiB', encrypted: true,
        binlog_format: 'row', largest_table_gib: '4 TiB', change_rate_bps: '200 KB/s',
      },
      target: { service: 'aurora', engine: 'mysql', version: '3.05.2' },
      network: { bandwidth_bps: '100 Mbps' },
      constraints: { deadline_seconds: '60d' },
      options: { allow_offline_transfer: true },
    }),
  },
  {
    id: 'onprem-mysql-binlog-off-frozen',
    label: 'MySQL with binlog off, settings frozen, 15 min: nothing fits',
    scenario: () => ({
      source: {
        engine: 'mysql', version: '8.0.36', location: 'on_premises', size_gib: 800, encrypted: true,
        binlog_format: 'off', settings_changeable: false, change_rate_bps: '1 MB/s',
      },
      target: { service: 'aurora', engine: 'mysql', version: '3.05.2' },
      network: { bandwidth_bps: '1 Gbps' },
      constraints: { downtime_tolerance_seconds: '15m' },
    }),
  },
];

/** [{id, label}] of the examples, the default first. */
export const presetList = PRESETS.map(({ id, label }) => ({ id, label }));

/** A fresh copy of one example's scenario. */
export function presetScenario(id) {
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0];
  return preset.scenario();
}
