/** Short-lived messages: errors carry the server's problem detail so people know what went wrong. */
import { ApiError } from './api/client';

export interface Toast {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export const toasts = $state<Toast[]>([]);
let next = 1;

export function dismiss(id: number): void {
  const at = toasts.findIndex((t) => t.id === id);
  if (at >= 0) toasts.splice(at, 1);
}

export function toast(text: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 8000 : 4000): void {
  const id = next++;
  toasts.push({ id, kind, text });
  setTimeout(() => dismiss(id), ms);
}

export function toastError(error: unknown, what: string): void {
  if (error instanceof ApiError) toast(`${what}: ${error.problem.detail || error.problem.title}`, 'error');
  else toast(`${what}: ${error instanceof Error ? error.message : String(error)}`, 'error');
}
