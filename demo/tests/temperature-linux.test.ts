/**
 * The lecture's temperature service (the demo's, demo/lib/temperature-service.ts) served by the
 * reference stack to Linux clients over TUN: "temp?" → "42 C", over UDP and over TCP, from one
 * server that serves both at once.
 */
import { deferred } from '../lib/deferred';
import { ANSWER, REQUEST, TEMPERATURE_PORT } from '../lib/temperature';
import { serveTemperature, type Served } from '../lib/temperature-service';
import { describeTun } from '../../harness/phy/tun/tun-suite';
import { withPair } from '../../harness/phy/tests/interop/pair-test';
import { STEP_MS } from '../../harness/phy/tun/stack-io';

const POLLIN = 1;
const text = (data: Uint8Array): string => Buffer.from(data).toString();

describeTun('the temperature service on the reference stack, asked by Linux', () => {
  it('answers "42 C" to a Linux client over UDP and to another over TCP', () =>
    withPair(async ({ stack, linux, stackAddress, linuxAddress }) => {
      const served: Served[] = [];
      const listening = deferred();
      const stop = deferred();
      const serving = serveTemperature(stack, { until: stop.promise, onListening: listening.resolve, onServed: (s) => served.push(s) });
      await Promise.race([listening.promise, serving]);
      const service = { address: stackAddress, port: TEMPERATURE_PORT };
      try {
        const udp = await linux.socket('udp');
        await linux.sendto(udp, Buffer.from(REQUEST), service);
        expect(await linux.poll(udp, POLLIN, STEP_MS)).toBe(POLLIN);
        const reply = await linux.recvfrom(udp, 100);
        expect({ answer: text(reply.data), from: reply.from }).toEqual({ answer: ANSWER, from: service });

        const tcp = await linux.socket('tcp');
        await linux.connect(tcp, service);
        await linux.send(tcp, Buffer.from(REQUEST));
        // The server answers, then closes: the answer is all there is before end of file.
        expect(await linux.poll(tcp, POLLIN, STEP_MS)).toBe(POLLIN);
        expect(text(await linux.recv(tcp, 100))).toBe(ANSWER);
        expect(await linux.poll(tcp, POLLIN, STEP_MS)).toBe(POLLIN);
        expect(await linux.recv(tcp, 100)).toHaveLength(0);
        await linux.close(tcp);
      } finally {
        stop.resolve();
        await serving;
      }
      expect(served.map((s) => `${s.protocol} ${s.from.address}`)).toEqual([`UDP ${linuxAddress}`, `TCP ${linuxAddress}`]);
    }));
});
