/**
 * The demo CMDB (issue 15), made through the CMDB use cases like an admin would: four business
 * services on their applications, databases and virtual machines, a three-host ESX cluster that
 * survives one host down (redundancy: two members down to fail), physical servers on an access
 * switch uplinked to two core switches, a firewall, a VPN gateway, a SAN, a printer and a
 * workstation; owner teams from the demo organisation. The demo tickets about the orders
 * database, the VPN and the floor-3 printer get their affected CIs.
 */
import { type TCreateCi, ZCreateCi } from '../../shared/api/cmdb.schemas.js';
import type { CmdbUseCases } from '../../shared/cmdb/cmdb-use-cases.js';
import type { RelationType } from '../../shared/cmdb/relationships.js';
import { systemActor } from '../../shared/kernel/actor.js';
import type { Result } from '../../shared/kernel/result.js';

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`cmdb seed: ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
};

type Seeded = Partial<TCreateCi> & Pick<TCreateCi, 'name' | 'ciClass'>;

const CIS = {
  orders: {
    name: 'Online Orders',
    ciClass: 'business_service',
    criticality: 1,
    ownerTeamId: 'major-incident',
    attributes: { serviceLevel: 'Gold', customerFacing: true },
  },
  payroll: { name: 'Payroll', ciClass: 'business_service', criticality: 2, attributes: { serviceLevel: 'Silver' } },
  email: { name: 'Email', ciClass: 'business_service', criticality: 2, ownerTeamId: 'service-desk' },
  remote: { name: 'Remote access (VPN)', ciClass: 'business_service', criticality: 2, ownerTeamId: 'network' },
  ordersWeb: { name: 'orders-web', ciClass: 'application', criticality: 1, attributes: { version: '4.2' } },
  ordersApi: { name: 'orders-api', ciClass: 'application', criticality: 1, attributes: { version: '4.2' } },
  payrollApp: { name: 'payroll-app', ciClass: 'application', criticality: 2, attributes: { vendor: 'PaySoft' } },
  exchange: { name: 'Exchange Online connector', ciClass: 'application', criticality: 2 },
  ordersDb: {
    name: 'orders-db',
    ciClass: 'database',
    criticality: 1,
    ownerTeamId: 'database',
    hostNames: ['orders-db.corp.example'],
    attributes: { engine: 'postgresql', version: '16' },
  },
  payrollDb: {
    name: 'payroll-db',
    ciClass: 'database',
    criticality: 2,
    ownerTeamId: 'database',
    attributes: { engine: 'sqlserver', version: '2022' },
  },
  vmWeb1: vm('vm-orders-web-01', '10.20.0.11'),
  vmWeb2: vm('vm-orders-web-02', '10.20.0.12'),
  vmApi: vm('vm-orders-api-01', '10.20.0.21'),
  vmDb: vm('vm-orders-db-01', '10.20.0.31'),
  vmPayroll: vm('vm-payroll-01', '10.20.0.41'),
  cluster: {
    name: 'esx-cluster-01',
    ciClass: 'server',
    criticality: 1,
    ownerTeamId: 'service-desk',
    location: 'DC1',
    attributes: { model: 'vSphere 8 cluster' },
    redundancy: { membersDownToFail: 2 },
  },
  esx1: host('esx-01', 'SRV-0001', '10.10.0.11'),
  esx2: host('esx-02', 'SRV-0002', '10.10.0.12'),
  esx3: host('esx-03', 'SRV-0003', '10.10.0.13'),
  san: {
    name: 'san-01',
    ciClass: 'storage',
    criticality: 1,
    ownerTeamId: 'storage',
    assetTag: 'STO-0001',
    location: 'DC1',
    attributes: { capacityTb: 250 },
  },
  access: net('access-sw-dc1-01', 'switch', 'NET-0101', '10.0.1.2'),
  core1: net('core-sw-01', 'switch', 'NET-0001', '10.0.0.2'),
  core2: net('core-sw-02', 'switch', 'NET-0002', '10.0.0.3'),
  firewall: net('fw-edge-01', 'firewall', 'NET-0201', '192.0.2.1'),
  vpn: {
    ...net('vpn-gw-01', 'router', 'NET-0301', '192.0.2.10'),
    hostNames: ['vpn.demo.example'],
  },
  accessFloor3: net('access-sw-floor3', 'switch', 'NET-0103', '10.30.0.2'),
  printer: {
    name: 'prn-floor3-01',
    ciClass: 'network_device',
    criticality: 4,
    ownerTeamId: 'service-desk',
    assetTag: 'PRN-0301',
    location: 'HQ floor 3',
    hostNames: ['prn-floor3-01.corp.example'],
    attributes: { deviceType: 'other' },
  },
  laptop: {
    name: 'LT-HBERG',
    ciClass: 'workstation',
    criticality: 4,
    ownerTeamId: 'service-desk',
    assetTag: 'WS-1042',
    serial: 'PF3XK21',
    hostNames: ['lt-hberg.corp.example'],
    status: 'planned',
    attributes: { os: 'Windows 11', assignedTo: 'hanna.berg@customer.example' },
  },
} satisfies Record<string, Seeded>;

function vm(name: string, ip: string): Seeded {
  return {
    name,
    ciClass: 'virtual_machine',
    criticality: 2,
    ownerTeamId: 'service-desk',
    hostNames: [`${name}.corp.example`],
    ipAddresses: [ip],
    attributes: { os: 'Debian 12', cpuCores: 4, memoryGb: 16, hypervisor: 'ESXi 8' },
  };
}

function host(name: string, tag: string, ip: string): Seeded {
  return {
    name,
    ciClass: 'server',
    criticality: 2,
    ownerTeamId: 'service-desk',
    assetTag: tag,
    serial: `CZ${tag.slice(4)}X9`,
    location: 'DC1',
    hostNames: [`${name}.dc1.corp.example`],
    ipAddresses: [ip],
    attributes: { os: 'ESXi 8', cpuCores: 64, memoryGb: 512, model: 'ProLiant DL380 Gen11' },
  };
}

function net(name: string, deviceType: string, tag: string, ip: string): Seeded {
  return {
    name,
    ciClass: 'network_device',
    criticality: 1,
    ownerTeamId: 'network',
    assetTag: tag,
    location: 'DC1',
    ipAddresses: [ip],
    attributes: { deviceType, ports: 48 },
  };
}

type Key = keyof typeof CIS;

/** `from <type> to`: who depends on, runs on, is hosted on, connects to or is part of what. */
const RELATIONS: readonly [Key, RelationType, Key][] = [
  ['orders', 'depends_on', 'ordersWeb'],
  ['orders', 'depends_on', 'ordersApi'],
  ['ordersWeb', 'depends_on', 'ordersApi'],
  ['ordersApi', 'depends_on', 'ordersDb'],
  ['payroll', 'depends_on', 'payrollApp'],
  ['payrollApp', 'depends_on', 'payrollDb'],
  ['email', 'depends_on', 'exchange'],
  ['remote', 'depends_on', 'vpn'],
  ['ordersWeb', 'runs_on', 'vmWeb1'],
  ['ordersWeb', 'runs_on', 'vmWeb2'],
  ['ordersApi', 'runs_on', 'vmApi'],
  ['ordersDb', 'hosted_on', 'vmDb'],
  ['payrollApp', 'runs_on', 'vmPayroll'],
  ['payrollDb', 'hosted_on', 'vmPayroll'],
  ['vmWeb1', 'hosted_on', 'cluster'],
  ['vmWeb2', 'hosted_on', 'cluster'],
  ['vmApi', 'hosted_on', 'cluster'],
  ['vmDb', 'hosted_on', 'cluster'],
  ['vmPayroll', 'hosted_on', 'cluster'],
  ['esx1', 'part_of', 'cluster'],
  ['esx2', 'part_of', 'cluster'],
  ['esx3', 'part_of', 'cluster'],
  ['esx1', 'connects_to', 'access'],
  ['esx2', 'connects_to', 'access'],
  ['esx3', 'connects_to', 'access'],
  ['esx1', 'connects_to', 'san'],
  ['esx2', 'connects_to', 'san'],
  ['esx3', 'connects_to', 'san'],
  ['access', 'connects_to', 'core1'],
  ['access', 'connects_to', 'core2'],
  ['firewall', 'connects_to', 'core1'],
  ['vpn', 'connects_to', 'firewall'],
  ['accessFloor3', 'connects_to', 'core2'],
  ['printer', 'connects_to', 'accessFloor3'],
];

export interface SeededTickets {
  readonly ordersSlow: string;
  readonly vpn: string;
  readonly printer: string;
}

/** Seeds the demo CMDB and the affected CIs of three demo tickets; the ids by key. */
export async function seedCmdb(cmdb: CmdbUseCases, tickets: SeededTickets): Promise<Record<Key, string>> {
  const admin = systemActor('demo-seed');
  const ids = {} as Record<Key, string>;
  for (const [key, ci] of Object.entries(CIS) as [Key, Seeded][])
    ids[key] = must(await cmdb.create(ZCreateCi.parse(ci), admin), ci.name).ci.id;
  for (const [from, type, to] of RELATIONS)
    must(await cmdb.addRelation(ids[from], { type, toId: ids[to] }, admin), `${from} ${type} ${to}`);
  const affected = async (ticketId: string, primary: Key, others: Key[]) =>
    must(
      await cmdb.setTicketCis(
        ticketId,
        { cis: [primary, ...others].map((k) => ({ ciId: ids[k], primary: k === primary })) },
        admin,
      ),
      `affected CIs of ${ticketId}`,
    );
  await affected(tickets.ordersSlow, 'ordersDb', ['vmDb']);
  await affected(tickets.vpn, 'vpn', []);
  await affected(tickets.printer, 'printer', []);
  return ids;
}
