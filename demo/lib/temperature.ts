/**
 * The lecture's temperature service, as every demo runs it: the question, the answer, and where
 * it is asked.
 */
import type { LoopFigures } from './loop-tally';
import type { NcResult } from './nc-clients';

/** Where the service listens, on UDP and on TCP. */
export const TEMPERATURE_PORT = 4242;
/** A port on the server where nothing listens. */
export const CLOSED_PORT = 4243;
export const REQUEST = 'temp?';
export const ANSWER = '42 C';
/** recv's and recvfrom's buffer: more than any datagram on a 1500-byte link. */
export const RECV_MAX = 1500;

/** What a demo's run found: the exit status, and the answer the client heard first (for tests). */
export interface TemperatureRun {
  readonly status: number;
  readonly answer?: string;
}

/** What the epoll demo's run found (for tests): the exit status, the loop's figures once it ran, and over TUN what each nc printed. */
export interface EpollRun {
  readonly status: number;
  readonly figures?: LoopFigures;
  readonly heard?: readonly NcResult[];
}
