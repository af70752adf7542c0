import { AppError } from '../errors.js';
import { currentJob } from '../observability/job-context.js';

type Fetch<Input> = (input: Input, init?: RequestInit) => Promise<Response>;

const abandoned = () =>
  new AppError('UNAVAILABLE', 'The job lost its lease to another worker: its request was abandoned');

/**
 * The adapters' fetch, with each request made for a job also aborted when that job's signal is (its
 * lease was lost and another worker runs it): a request already on the wire does not outlive the run.
 * The AppError it then throws is passed on by both HTTP layers without a retry.
 */
export function abortWithJob<Input>(fetch: Fetch<Input>): Fetch<Input> {
  return async (input, init) => {
    const job = currentJob()?.signal;
    if (!job) return fetch(input, init);
    if (job.aborted) throw abandoned();
    const signal = init?.signal ? AbortSignal.any([init.signal, job]) : job;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      if (job.aborted) throw abandoned();
      throw error;
    }
  };
}
