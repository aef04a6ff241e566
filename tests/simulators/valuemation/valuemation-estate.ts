/**
 * A generated IT estate in Valuemation's shapes, for the simulator's demo, the sync tests and the
 * benchmark: core and access switches, physical servers (some in clusters that tolerate a member
 * down), virtual servers, databases, applications and business services, about three relations
 * per CI, deterministic for a given size. Records are stamped one second apart from `start`, so
 * later changes (made "now") sort after all of them.
 */
import type { SimCi, SimRelation, ValuemationCmdb } from './valuemation-model.js';

export interface Estate {
  readonly cis: number;
  readonly relations: number;
  /** Ids of the core switches (the benchmark's impact roots). */
  readonly coreSwitches: readonly string[];
  readonly businessServices: readonly string[];
}

/** Park-Miller: the same estate for the same size. */
const prng = (seed: number) => {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
};

const pad = (n: number) => String(n).padStart(6, '0');
const SUPPORT_GROUPS = ['NW-OPS', 'DB-ADMIN', 'SD-1ST', 'STOR-EXT'];

export function seedEstate(cmdb: ValuemationCmdb, options: { cis: number; start?: string; prefix?: string }): Estate {
  const total = Math.max(20, options.cis);
  const random = prng(total);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const prefix = options.prefix ?? 'VM';
  let at = Date.parse(options.start ?? '2024-01-01T00:00:00.000Z');
  let relations = 0;
  const put = (ci: Omit<SimCi, 'status'> & { status?: string }) => {
    at += 1000;
    cmdb.cis.put({ status: 'In Operation', ...ci }, at);
    return ci.id;
  };
  const relate = (typeName: string, sourceId: string, targetId: string) => {
    const id = `${prefix}-REL-${pad(++relations)}`;
    at += 1;
    cmdb.relations.put({ id, typeName, sourceId, targetId } satisfies SimRelation, at);
  };
  const count = (share: number) => Math.max(1, Math.round(total * share));
  const nCore = Math.max(2, Math.round(total / 1000));
  const nAccess = Math.max(2, count(0.05) - nCore);
  const nClusters = Math.max(1, Math.round(count(0.15) / 9));
  const nServers = Math.max(2, count(0.15) - nClusters);
  const nVms = count(0.4);
  const nDbs = count(0.1);
  const nServices = count(0.05);
  const nStorage = count(0.01);
  const nApps = Math.max(2, total - nCore - nAccess - nClusters - nServers - nVms - nDbs - nServices - nStorage);

  const ci = (kind: string, n: number) => `${prefix}-${kind}-${pad(n)}`;
  const net = (deviceType: string, n: number, kind: string) =>
    put({
      id: ci(kind, n),
      className: 'Network Component',
      name: `${kind.toLowerCase()}-sw-${pad(n)}`,
      attributes: {
        DeviceType: deviceType,
        Ports: 48,
        SupportGroup: 'NW-OPS',
        Criticality: kind === 'CORE' ? 'Very High' : 'High',
        AssetTag: `${prefix}-AT-${kind}-${pad(n)}`,
        Location: `DC${(n % 2) + 1}`,
      },
    });
  const cores = Array.from({ length: nCore }, (_, i) => net('Switch', i + 1, 'CORE'));
  const access = Array.from({ length: nAccess }, (_, i) => net('Switch', i + 1, 'ACC'));
  access.forEach((a, i) => {
    relate('Connected To', a, cores[i % nCore] as string);
    relate('Connected To', a, cores[(i + 1) % nCore] as string);
  });

  const storage = Array.from({ length: nStorage }, (_, i) =>
    put({
      id: ci('STO', i + 1),
      className: 'Storage System',
      name: `san-${pad(i + 1)}`,
      attributes: { CapacityTB: pick([100, 250, 500]), SupportGroup: 'STOR-EXT', Criticality: 'Very High' },
    }),
  );
  const clusters = Array.from({ length: nClusters }, (_, i) =>
    put({
      id: ci('CLU', i + 1),
      className: 'Physical Server',
      name: `esx-cluster-${pad(i + 1)}`,
      attributes: { MembersDownToFail: 2, SupportGroup: 'SD-1ST', Criticality: 'High', Model: 'vSphere cluster' },
    }),
  );
  const servers = Array.from({ length: nServers }, (_, i) => {
    const id = put({
      id: ci('SRV', i + 1),
      className: 'Physical Server',
      name: `srv-${pad(i + 1)}`,
      attributes: {
        OperatingSystem: pick(['ESXi 8', 'Debian 12', 'Windows Server 2022']),
        CPUCores: pick([16, 32, 64]),
        MemoryGB: pick([128, 256, 512]),
        SerialNumber: `SN-${prefix}-${pad(i + 1)}`,
        AssetTag: `${prefix}-AT-SRV-${pad(i + 1)}`,
        HostName: [`srv-${pad(i + 1)}.dc.example`],
        IPAddress: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
        SupportGroup: pick(SUPPORT_GROUPS),
        Environment: 'Production',
      },
    });
    relate('Connected To', id, pick(access));
    relate('Connected To', id, pick(access));
    relate('Connected To', id, pick(storage));
    // Most physical servers are members of a cluster of about eight.
    if (i % 9 !== 8) relate('Member Of', id, clusters[i % nClusters] as string);
    return id;
  });
  const vms = Array.from({ length: nVms }, (_, i) => {
    const id = put({
      id: ci('VS', i + 1),
      className: 'Virtual Server',
      name: `vm-${pad(i + 1)}`,
      attributes: {
        OperatingSystem: pick(['Debian 12', 'Ubuntu 24.04', 'Windows Server 2022']),
        CPUCores: pick([2, 4, 8]),
        MemoryGB: pick([8, 16, 32]),
        HostName: [`vm-${pad(i + 1)}.corp.example`],
        IPAddress: [`172.16.${(i >> 8) & 255}.${i & 255}`],
        Environment: pick(['Production', 'Production', 'Test']),
      },
    });
    // Half run on a cluster (which survives a host down), half on one server; Valuemation says "hosts".
    relate('Hosts', i % 2 === 0 ? pick(clusters) : pick(servers), id);
    return id;
  });
  const dbs = Array.from({ length: nDbs }, (_, i) => {
    const id = put({
      id: ci('DB', i + 1),
      className: 'Database Instance',
      name: `db-${pad(i + 1)}`,
      attributes: { DBMS: pick(['PostgreSQL', 'MS SQL Server', 'Oracle']), SupportGroup: 'DB-ADMIN' },
    });
    relate('Hosted On', id, pick(vms));
    return id;
  });
  const apps = Array.from({ length: nApps }, (_, i) => {
    const id = put({
      id: ci('APP', i + 1),
      className: 'Application',
      name: `app-${pad(i + 1)}`,
      attributes: { Version: `${1 + (i % 9)}.${i % 4}`, Criticality: pick(['High', 'Medium', 'Low']) },
    });
    relate('Runs On', id, pick(vms));
    relate('Runs On', id, pick(vms));
    relate('Depends On', id, pick(dbs));
    relate('Depends On', id, pick(dbs));
    return id;
  });
  apps.forEach((a, i) => {
    relate('Uses', a, apps[(i + 1 + Math.floor(random() * (nApps - 1))) % nApps] as string);
  });
  const services = Array.from({ length: nServices }, (_, i) => {
    const id = put({
      id: ci('BS', i + 1),
      className: 'Business Service',
      name: `service-${pad(i + 1)}`,
      attributes: { Criticality: pick(['Very High', 'High', 'Medium']), CustomerFacing: i % 3 === 0 ? 'Yes' : 'No' },
    });
    for (let k = 0; k < 14; k++) relate('Depends On', id, pick(apps));
    return id;
  });
  return { cis: cmdb.cis.size, relations, coreSwitches: cores, businessServices: services };
}
