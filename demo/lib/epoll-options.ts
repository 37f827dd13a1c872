/**
 * The options of the epoll demo: those of every simulator demo (options.ts), and
 *
 *     --clients N   how many clients ask (default: 1000 on the simulator, 10 over TUN)
 *     --tun         serve Linux's clients (nc) over TUN instead of simulated ones
 */
import { MAX_STAR_CLIENTS } from './star';
import { parseOptions, positiveNumber, splitFlag, UsageError, type DemoOptions, type MoreOptions } from './options';

export interface EpollDemoOptions extends DemoOptions {
  readonly clients: number;
  readonly tun: boolean;
}

/** Clients by default: a crowd on the simulator; over TUN, a handful of nc processes. */
const DEFAULT_CLIENTS = { simulator: 1000, tun: 10 } as const;
/**
 * The most clients in each mode. On the simulator one is told call by call and the rest are the
 * crowd, so at least two; over TUN, more nc processes at once would measure how fast this machine
 * starts processes rather than the loop.
 */
const CLIENTS_RANGE = { simulator: [2, MAX_STAR_CLIENTS], tun: [1, 100] } as const;

/** What the epoll demo's help adds to the common options. */
export const EPOLL_OPTIONS_HELP: MoreOptions = {
  synopsis: '[--clients N] [--tun]',
  lines: [
    `  --clients       how many clients ask: ${CLIENTS_RANGE.simulator.join('-')} on the simulator (default ${DEFAULT_CLIENTS.simulator}), ${CLIENTS_RANGE.tun.join('-')} over TUN (default ${DEFAULT_CLIENTS.tun})`,
    '  --tun           serve the real Linux kernel over TUN instead: that many nc clients at once (root, or rootless user namespaces; --client-stack has no use there)',
  ],
  failure: 'the stack failed, or with --tun the TUN bridge or nc cannot run here (the reason is printed)',
};

/** Parse the epoll demo's arguments. @throws UsageError for an unknown option or a bad value. */
export function parseEpollOptions(name: string, args: readonly string[]): EpollDemoOptions {
  const common: string[] = [];
  let clients: number | undefined;
  let tun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitFlag(arg);
    if (flag === '--clients') clients = positiveNumber(flag, inline ?? args[++i], true);
    else if (flag === '--tun') tun = true;
    else common.push(arg);
  }
  const mode = tun ? 'tun' : 'simulator';
  const [least, most] = CLIENTS_RANGE[mode];
  if (clients !== undefined && (clients < least || clients > most)) throw new UsageError(`--clients must be from ${least} to ${most} ${tun ? 'over TUN' : 'on the simulator'}, not ${clients}`);
  if (tun && common.some((arg) => splitFlag(arg)[0] === '--client-stack')) throw new UsageError('--client-stack has no use with --tun: the clients are Linux');
  return { ...parseOptions(name, common), clients: clients ?? DEFAULT_CLIENTS[mode], tun };
}
