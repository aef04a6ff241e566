/** What a Menu holds: actions, on/off choices, one-of-several choices, separators. */
import type { LucideIcon } from '@lucide/svelte';

export type MenuEntry =
  | {
      readonly type: 'item';
      readonly label: string;
      readonly icon?: LucideIcon;
      readonly disabled?: boolean;
      readonly onSelect: () => void;
    }
  | {
      readonly type: 'checkbox';
      readonly label: string;
      readonly checked: boolean;
      readonly disabled?: boolean;
      readonly onChange: (checked: boolean) => void;
    }
  | {
      readonly type: 'radio';
      readonly label: string;
      readonly value: string;
      readonly options: readonly { readonly value: string; readonly label: string }[];
      readonly onChange: (value: string) => void;
    }
  | { readonly type: 'separator' };
