/** Ids are inputs too: adapters produce time-sortable unique ids, tests produce predictable ones. */
export interface IdGenerator {
  /** A new unique id, lexicographically increasing over time, with an optional prefix (`t_`, `e_`). */
  next(prefix?: string): string;
}
