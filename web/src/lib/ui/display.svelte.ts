/**
 * The agent's display choices: theme (system, light or dark) and density (comfortable or compact),
 * kept in this browser's localStorage and applied as attributes on <html> that the tokens read.
 * app.html applies the stored choice before the first paint (same keys), so nothing flashes.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';

export const THEME_KEY = 'itil-next.theme';
export const DENSITY_KEY = 'itil-next.density';

const read = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
  try {
    const v = localStorage.getItem(key);
    return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
};

const write = (key: string, value: string, isDefault: boolean) => {
  try {
    if (isDefault) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
};

export const display = $state({
  theme: read<ThemeChoice>(THEME_KEY, ['system', 'light', 'dark'], 'system'),
  density: read<Density>(DENSITY_KEY, ['comfortable', 'compact'], 'comfortable'),
});

function apply(): void {
  const root = document.documentElement;
  if (display.theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = display.theme;
  root.dataset['density'] = display.density;
}

export function setTheme(theme: ThemeChoice): void {
  display.theme = theme;
  write(THEME_KEY, theme, theme === 'system');
  apply();
}

export function setDensity(density: Density): void {
  display.density = density;
  write(DENSITY_KEY, density, density === 'comfortable');
  apply();
}
