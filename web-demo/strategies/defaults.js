// The example the page opens with: a three-tier shop in us-east-1 recovering to us-west-2.
// Optional numbers left out here get the core's documented defaults (shown under each field).

export function defaultWorkload() {
  return {
    name: 'shop',
    topology: 'region_to_region',
    primary_location: 'us-east-1',
    recovery_location: 'us-west-2',
    multi_az: true,
    components: [
      {
        kind: 'relational_database',
        name: 'orders',
        engine: 'aurora_mysql',
        size_gib: 200,
        change_gib_per_day: 5,
        instance_hourly_usd: 0.29,
      },
      { kind: 'compute', name: 'web', instance_count: 4, instance_hourly_usd: 0.0832 },
      { kind: 'object_storage', name: 'assets', size_gib: 500, replication_time_control: true },
      { kind: 'routing', ttl_seconds: 60 },
    ],
    backups: {
      interval_seconds: '24h',
      point_in_time_recovery: true,
      cross_region_copy: true,
      cross_account_copy: false,
    },
    operations: {},
  };
}

export function defaultPolicy() {
  return {
    name: 'shop targets',
    targets: {
      az: { rto_seconds: '5m', rpo_seconds: 0 },
      region: { rto_seconds: '4h', rpo_seconds: '1h' },
      corruption: { rto_seconds: '8h', rpo_seconds: '1h' },
    },
  };
}

/** A new component of each kind, for the "Add component" buttons. */
export function newComponent(kind, taken) {
  const unique = (base) => {
    let name = base;
    for (let i = 2; taken.includes(name); i++) name = `${base}-${i}`;
    return name;
  };
  switch (kind) {
    case 'relational_database':
      return { kind, name: unique('db'), engine: 'rds_postgresql', size_gib: 100 };
    case 'key_value_database':
      return { kind, name: unique('table'), engine: 'dynamodb', size_gib: 50 };
    case 'compute':
      return { kind, name: unique('app'), instance_count: 2 };
    case 'object_storage':
      return { kind, name: unique('bucket'), size_gib: 100 };
    case 'routing':
      return { kind };
    default:
      throw new Error(`unknown component kind ${kind}`);
  }
}
