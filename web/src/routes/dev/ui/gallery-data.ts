/** Made-up people for the gallery's tables and pickers (nothing here reaches the API). */
import type { ComboOption } from '$lib/ui/Combobox.svelte';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly team: string;
  readonly load: number;
  readonly online: boolean;
}

const FIRST = ['Alice', 'Bob', 'Carla', 'Dave', 'Erin', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam'];
const TEAMS = ['Service desk', 'Network', 'Databases', 'Workplace'];

/** 1,000 people: enough for the virtualised table. */
export const PEOPLE: readonly Person[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `p${String(i + 1).padStart(4, '0')}`,
  name: `${FIRST[i % FIRST.length]} ${String.fromCharCode(65 + ((i * 7) % 26))}. #${i + 1}`,
  team: TEAMS[(i * 3) % TEAMS.length]!,
  load: (i * 37) % 100,
  online: i % 3 !== 0,
}));

/** An async search as the API would answer it (a short delay), for the Combobox. */
export async function searchPeople(query: string, limit: number): Promise<ComboOption[]> {
  await new Promise((r) => setTimeout(r, 60));
  const q = query.trim().toLowerCase();
  return PEOPLE.filter((p) => !q || `${p.name} ${p.team}`.toLowerCase().includes(q))
    .slice(0, limit)
    .map((p) => ({ value: p.id, label: p.name, hint: `${p.team} · ${p.online ? 'online' : 'offline'}` }));
}
