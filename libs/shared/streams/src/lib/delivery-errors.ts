/**
 * Thrown by an output for a write that must not be retried (Bento's `drop_on` statuses, a message the
 * broker refuses outright): the message goes to the dead letters at once.
 */
export class PermanentDeliveryError extends Error {}
