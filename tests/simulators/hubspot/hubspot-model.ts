/**
 * The HubSpot simulator's account: CRM objects as HubSpot stores them (`{id, properties,
 * createdAt, updatedAt, archived}`, every property a string), owners, and v4 associations with
 * their types (a contact linked to a company with two labels is two association types of one
 * link; the batch read lists them as HubSpot does). Demo data: the demo's companies with a `tier`
 * property and a few contacts, owners and deals.
 */

export type ObjectType = 'contacts' | 'companies' | 'deals' | 'notes';

export interface SimObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface SimOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
}

export interface AssociationType {
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  typeId: number;
  label: string | null;
}

export class HubSpotAccount {
  readonly portalId = 4_242_424;
  readonly objects: Record<ObjectType, Map<string, SimObject>> = {
    contacts: new Map(),
    companies: new Map(),
    deals: new Map(),
    notes: new Map(),
  };
  readonly owners = new Map<string, SimOwner>();
  /** `${from}:${fromId}` -> target type -> target id -> association types. */
  private readonly links = new Map<string, Map<ObjectType, Map<string, AssociationType[]>>>();
  private nextId = 100;

  constructor(private readonly now: () => Date = () => new Date()) {}

  create(type: ObjectType, properties: Record<string, string | null>, id = String(this.nextId++)): SimObject {
    const at = this.now().toISOString();
    const object: SimObject = {
      id,
      properties: { ...properties, hs_object_id: id, createdate: at, lastmodifieddate: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    this.objects[type].set(id, object);
    return object;
  }

  update(type: ObjectType, id: string, properties: Record<string, string | null>): SimObject | undefined {
    const object = this.objects[type].get(id);
    if (!object) return undefined;
    const at = this.now().toISOString();
    object.properties = { ...object.properties, ...properties, lastmodifieddate: at };
    object.updatedAt = at;
    return object;
  }

  contactByEmail(email: string): SimObject | undefined {
    const wanted = email.toLowerCase();
    for (const c of this.objects.contacts.values())
      if (!c.archived && c.properties.email?.toLowerCase() === wanted) return c;
    return undefined;
  }

  associate(from: ObjectType, fromId: string, to: ObjectType, toId: string, type: AssociationType): void {
    for (const [a, aId, b, bId] of [
      [from, fromId, to, toId],
      [to, toId, from, fromId],
    ] as const) {
      const key = `${a}:${aId}`;
      const byType = this.links.get(key) ?? new Map<ObjectType, Map<string, AssociationType[]>>();
      const byId = byType.get(b) ?? new Map<string, AssociationType[]>();
      const types = byId.get(bId) ?? [];
      if (!types.some((t) => t.typeId === type.typeId && t.category === type.category)) types.push(type);
      byId.set(bId, types);
      byType.set(b, byId);
      this.links.set(key, byType);
    }
  }

  associations(from: ObjectType, fromId: string, to: ObjectType): [string, AssociationType[]][] {
    return [...(this.links.get(`${from}:${fromId}`)?.get(to)?.entries() ?? [])];
  }
}

export const UNLABELED_CONTACT_COMPANY: AssociationType = { category: 'HUBSPOT_DEFINED', typeId: 279, label: null };
export const PRIMARY_CONTACT_COMPANY: AssociationType = { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' };
export const CONTACT_DEAL: AssociationType = { category: 'HUBSPOT_DEFINED', typeId: 4, label: null };
export const NOTE_CONTACT: AssociationType = { category: 'HUBSPOT_DEFINED', typeId: 202, label: null };

/**
 * The demo account: Northwind is "Strategic" in HubSpot (tier map: strategic=enterprise), Contoso
 * "Growth", Fabrikam (unknown to the built-in directory) "Strategic"; contacts with owners and deals.
 */
export function seedDemoAccount(account: HubSpotAccount): void {
  account.owners.set('501', {
    id: '501',
    email: 'alice@demo.local',
    firstName: 'Alice',
    lastName: 'Agent',
    userId: 9001,
  });
  account.owners.set('502', {
    id: '502',
    email: 'sales@demo.local',
    firstName: 'Sam',
    lastName: 'Sales',
    userId: 9002,
  });
  const northwind = account.create('companies', {
    name: 'Northwind Traders',
    domain: 'northwind.example',
    tier: 'Strategic',
    industry: 'Retail',
    numberofemployees: '5200',
  });
  const contoso = account.create('companies', {
    name: 'Contoso Pharma',
    domain: 'contoso.example',
    tier: 'Growth',
    industry: 'Pharmaceuticals',
    numberofemployees: '800',
  });
  const fabrikam = account.create('companies', {
    name: 'Fabrikam Inc',
    domain: 'fabrikam.example',
    tier: 'Strategic',
    industry: 'Manufacturing',
    numberofemployees: '12000',
  });
  const people: [string, string, string, SimObject, string | null][] = [
    ['Olivia', 'Brandt', 'olivia.brandt@northwind.example', northwind, '501'],
    ['Marcus', 'Lee', 'marcus.lee@northwind.example', northwind, '501'],
    ['Raj', 'Patel', 'raj.patel@contoso.example', contoso, '502'],
    ['Fiona', 'Gallagher', 'fiona@fabrikam.example', fabrikam, '502'],
  ];
  for (const [firstname, lastname, email, company, owner] of people) {
    const contact = account.create('contacts', {
      firstname,
      lastname,
      email,
      phone: null,
      jobtitle: 'IT Manager',
      lifecyclestage: 'customer',
      hubspot_owner_id: owner,
    });
    // Linked twice (primary and unlabeled): HubSpot lists the company once per label.
    account.associate('contacts', contact.id, 'companies', company.id, PRIMARY_CONTACT_COMPANY);
    account.associate('contacts', contact.id, 'companies', company.id, UNLABELED_CONTACT_COMPANY);
  }
  const olivia = account.contactByEmail('olivia.brandt@northwind.example') as SimObject;
  const renewal = account.create('deals', {
    dealname: 'Northwind renewal 2027',
    dealstage: 'contractsent',
    amount: '120000',
    hs_is_closed: 'false',
  });
  const lost = account.create('deals', {
    dealname: 'Northwind add-on',
    dealstage: 'closedlost',
    amount: '8000',
    hs_is_closed: 'true',
  });
  account.associate('contacts', olivia.id, 'deals', renewal.id, CONTACT_DEAL);
  account.associate('contacts', olivia.id, 'deals', lost.id, CONTACT_DEAL);
}
