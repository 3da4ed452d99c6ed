import { GuardError, isInstance } from "./guard-error.js";

/**
 * A batch whose source failed part way (a stream error, an unreadable file). Every record
 * read before the failure has already been given a verdict or an error; `processed` says how many.
 *
 * @example err.processed // 512
 */
export class BatchError extends GuardError {
  override name = "BatchError";
  /** Records read and answered before the source failed. */
  readonly processed: number;

  constructor(processed: number, cause: unknown) {
    super(
      "BATCH_INTERRUPTED",
      `The batch stopped after ${processed} record(s): its source failed (${causeText(cause)})`,
      { cause },
    );
    this.processed = processed;
  }
}

/** What the source's error says; a thrown revoked proxy or a throwing `message` getter says nothing readable. */
function causeText(cause: unknown): string {
  try {
    return isInstance(cause, Error) ? String(cause.message) : String(cause);
  } catch {
    return "an error that could not be read";
  }
}

/** @returns true when `value` is a `BatchError`. @example isBatchError(err) */
export function isBatchError(value: unknown): value is BatchError {
  return isInstance(value, BatchError);
}
