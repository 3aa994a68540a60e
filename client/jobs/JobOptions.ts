import type { WaitOptions } from './pollJob';

/** The Python client's `wait_for_completion`: wait for the job to end (throwing if it aborts) before returning its id. */
export interface JobOptions {
  waitForCompletion?: boolean;
  wait?: WaitOptions;
}
