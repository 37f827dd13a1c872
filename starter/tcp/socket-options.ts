// Generated from reference/tcp/socket-options.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * The socket options of a TCP socket (see ../socket-options.ts for how a table works).
 */
import { SocketError, errnoNumber } from '../../harness/contract';
import { checkBufferSize, checkFlag, type OptionTable } from '../socket-options';
import type { TcpConnection } from './connection';
import { transmitPending } from './transmit';

/** The smallest TCP_MAXSEG Linux accepts (TCP_MIN_MSS). */
export const TCP_MIN_MAXSEG = 88;
/** The largest TCP_MAXSEG Linux accepts (MAX_TCP_WINDOW). */
export const TCP_MAX_MAXSEG = 32767;

/** The congestion-control algorithms this stack has (TCP_CONGESTION); CUBIC is an optional extra of milestone 4. */
export const TCP_CONGESTION_ALGORITHMS: readonly string[] = ['reno', 'cubic'];

/** The options `socket` supports: SO_REUSEADDR, SO_RCVBUF, SO_SNDBUF, SO_ERROR, TCP_NODELAY, TCP_MAXSEG, TCP_CONGESTION. */
export function tcpOptionTable(socket: TcpConnection): OptionTable {
  return {
    SO_REUSEADDR: {
      get: () => socket.reuseAddress,
      set: (value) => (socket.reuseAddress = checkFlag(value)),
    },
    SO_RCVBUF: {
      get: () => socket.receiveBufferSize,
      set: (value) => (socket.receiveBufferSize = checkBufferSize(value)),
    },
    SO_SNDBUF: {
      get: () => socket.sendBufferSize,
      set: (value) => (socket.sendBufferSize = checkBufferSize(value)),
    },
    SO_ERROR: {
      get: () => {
        const error = socket.takeError();
        return error ? errnoNumber(error) : 0;
      },
    },
    TCP_NODELAY: {
      get: () => socket.noDelay,
      // Turning Nagle off sends what it was holding at once, as Linux's tcp_push_pending_frames does.
      set: (value) => {
        socket.noDelay = checkFlag(value);
        if (socket.noDelay) transmitPending(socket);
      },
    },
    TCP_MAXSEG: {
      // Like Linux: the value set while the socket is unconnected or listening, else the MSS in use.
      get: () => {
        const { state } = socket.tcb;
        return socket.maxSegment !== 0 && (state === 'CLOSED' || state === 'LISTEN') ? socket.maxSegment : socket.tcb.mss;
      },
      set: (value) => (socket.maxSegment = checkMaxSegment(value)),
    },
    TCP_CONGESTION: {
      get: () => socket.congestionAlgorithm,
      set: (value) => (socket.congestionAlgorithm = checkCongestionAlgorithm(value)),
    },
  };
}

/**
 * A TCP_CONGESTION value: the name of an algorithm this stack has.
 * @throws SocketError ENOENT otherwise, as Linux says of an algorithm it does not have.
 */
export function checkCongestionAlgorithm(value: string): string {
  if (!TCP_CONGESTION_ALGORITHMS.includes(value)) throw new SocketError('ENOENT', `no congestion-control algorithm ${JSON.stringify(value)}: there is ${TCP_CONGESTION_ALGORITHMS.join(', ')}`);
  return value;
}

/**
 * A TCP_MAXSEG value: 0 (no limit) or an integer in 88–32767, as Linux accepts.
 * @throws SocketError EINVAL otherwise.
 */
export function checkMaxSegment(value: number): number {
  const valid = Number.isInteger(value) && (value === 0 || (value >= TCP_MIN_MAXSEG && value <= TCP_MAX_MAXSEG));
  if (!valid) throw new SocketError('EINVAL', `TCP_MAXSEG must be 0 or ${TCP_MIN_MAXSEG}–${TCP_MAX_MAXSEG}, not ${value}`);
  return value;
}
