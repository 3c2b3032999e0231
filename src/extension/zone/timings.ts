import { TaskTimings } from '../../core/timings';

/**
 * How long the zone features' own tasks on the extension host took (listeners, providers,
 * the slices sent to the zone worker, its messages received); read by the internal command
 * `mailsec.zone.taskTimings` (the integration tests' measure of "no task over 50 ms").
 */
export const zoneTimings = new TaskTimings();
export const TASK_TIMINGS_COMMAND = 'mailsec.zone.taskTimings';
