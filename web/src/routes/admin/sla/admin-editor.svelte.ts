/**
 * The state of an SLA admin page's editor: the form being edited, its ETag (If-Match on save and
 * delete), whether it is new, the problem of the last failed request, the saving flag and the open
 * delete confirmation, with the open / create / save / delete flow every SLA admin page follows.
 */
import type { Crud } from '$lib/api/sla-endpoints';
import { toast, toastError } from '$lib/toasts.svelte';
import type { TProblem } from '$shared/api/common.schemas';
import { problemOf } from './sla-admin';

interface Named {
  readonly id: string;
  readonly name: string;
}

export interface AdminEditorOptions<Item extends Named, Input extends Named, Form extends Named> {
  readonly crud: Crud<Item, Input>;
  /** Shown in messages: "calendar", "policy". */
  readonly noun: string;
  readonly toForm: (item: Item | Input) => Form;
  readonly fromForm: (form: Form) => Input;
  /** Reloads the page's list after a save or a delete. */
  readonly reload: () => Promise<void>;
  /** Called when a form opens (to reset what the page shows next to it). */
  readonly onOpen?: (item: Item | Input) => void;
}

export class AdminEditor<Item extends Named, Input extends Named, Form extends Named> {
  form = $state<Form | null>(null);
  etag = $state<string | null>(null);
  isNew = $state(false);
  problem = $state<TProblem | null>(null);
  saving = $state(false);
  /** The delete confirmation is open. */
  confirmingRemove = $state(false);

  constructor(private readonly options: AdminEditorOptions<Item, Input, Form>) {}

  async edit(id: string): Promise<void> {
    this.problem = null;
    try {
      const found = await this.options.crud.get(id);
      this.open(found.data, found.etag, false);
    } catch (error) {
      toastError(error, `Could not open the ${this.options.noun}`);
    }
  }

  create(blank: Input): void {
    this.problem = null;
    this.open(blank, null, true);
  }

  close(): void {
    this.form = null;
    this.problem = null;
  }

  /** The form as typed, in the API's shape. */
  current(): Input | null {
    return this.form ? this.options.fromForm($state.snapshot(this.form) as Form) : null;
  }

  save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body = this.current();
    if (!body) return;
    this.saving = true;
    this.problem = null;
    const { crud, noun } = this.options;
    try {
      const saved = this.isNew ? await crud.create(body) : await crud.replace(body.id, body, this.etag);
      this.form = this.options.toForm(saved.data);
      this.etag = saved.etag;
      this.isNew = false;
      toast(`Saved ${noun} “${saved.data.name}”`);
      await this.options.reload();
    } catch (error) {
      this.problem = problemOf(error);
    } finally {
      this.saving = false;
    }
  };

  /** Asks before deleting (the page shows the confirmation while `confirmingRemove`). */
  askRemove = (): void => {
    if (this.form && !this.isNew) this.confirmingRemove = true;
  };

  /** Deletes the open item (If-Match), once confirmed. */
  remove = async (): Promise<void> => {
    const form = this.form;
    this.confirmingRemove = false;
    if (!form || this.isNew) return;
    try {
      await this.options.crud.remove(form.id, this.etag);
      toast(`Deleted ${this.options.noun} “${form.name}”`);
      this.form = null;
      await this.options.reload();
    } catch (error) {
      this.problem = problemOf(error);
    }
  };

  private open(item: Item | Input, etag: string | null, isNew: boolean): void {
    this.form = this.options.toForm(item);
    this.etag = etag;
    this.isNew = isNew;
    this.options.onOpen?.(item);
  }
}
