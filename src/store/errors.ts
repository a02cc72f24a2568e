// Why an analyst's action on an event was refused; the server turns each into its HTTP status.

/** The event changed since the analyst saw it, or the action contradicts itself (merging an event with itself). */
export class ConflictError extends Error {}
export class NotFoundError extends Error {}
/** An action that cannot be done as asked whatever the event's state (a split naming another event's source, a
 * sub-event type of another event type). */
export class InvalidActionError extends Error {}
