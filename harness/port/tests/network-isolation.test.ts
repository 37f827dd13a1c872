/**
 * A kernel process is started off the network: a server the judge listens on at 127.0.0.1 cannot
 * be reached from a process started with the prefix, and the same program without the prefix
 * reaches it (so the check can fail).
 */
import execa from 'execa';
import * as net from 'node:net';
import { networkIsolation } from '../network-isolation';

/** Connects to 127.0.0.1:`port` and prints whether it got there. */
const CONNECT = `require('net').connect(Number(process.argv[1]), '127.0.0.1')
  .on('connect', () => { console.log('connected'); process.exit(0); })
  .on('error', (error) => { console.log(error.code); process.exit(0); });`;

async function tryConnect(prefix: readonly string[], port: number): Promise<string> {
  const [command = process.execPath, ...args] = [...prefix, process.execPath];
  const { stdout } = await execa(command, [...args, '-e', CONNECT, String(port)], { timeout: 10_000 });
  return stdout.trim();
}

describe('network isolation of kernel processes', () => {
  let server: net.Server;
  let port: number;

  beforeAll(async () => {
    server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is obtained as root, and says how', () => {
    const isolation = networkIsolation();
    if (process.getuid?.() === 0) expect(isolation.prefix.length).toBeGreaterThan(0);
    expect(isolation.how).toMatch(isolation.prefix.length > 0 ? /network namespace/ : /^none: /);
  });

  it('keeps the process from a server on the judge’s loopback, which the judge itself reaches', async () => {
    const { prefix } = networkIsolation();
    if (prefix.length === 0) return;
    expect(await tryConnect([], port)).toBe('connected');
    expect(await tryConnect(prefix, port)).toMatch(/^E[A-Z]+$/);
  });
});
