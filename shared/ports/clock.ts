/** Time is an input (STYLE.md #4): use cases ask the Clock, domain methods take `now`. */
export interface Clock {
  now(): Date;
}
