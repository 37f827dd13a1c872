/**
 * UDP between the reference stack and Linux over TUN: a request and its reply in both directions,
 * and a client that asks again through the fault injector's seeded loss and delay.
 */
import { INADDR_ANY } from '../../../contract';
import { describeTun } from '../../tun/tun-suite';
import { withPair } from './pair-test';
import { recvfrom, STEP_MS } from '../../tun/stack-io';

const POLLIN = 1;
const text = (data: Uint8Array): string => Buffer.from(data).toString();

describeTun('UDP between the reference stack and Linux', () => {
  it('a Linux client asks a server on the stack and gets the answer, from the address it asked', () =>
    withPair(async ({ stack, linux, stackAddress }) => {
      const server = await stack.call('socket', 'udp');
      await stack.call('bind', server, { address: INADDR_ANY, port: 7 });
      const serving = (async () => {
        for (let i = 0; i < 3; i++) {
          const request = await recvfrom(stack, server);
          if (!request) throw new Error('the stack heard no request');
          await stack.call('sendto', server, Buffer.from(`echo ${text(request.data)}`), request.from);
        }
      })();
      const client = await linux.socket('udp');
      for (let i = 0; i < 3; i++) {
        await linux.sendto(client, Buffer.from(`request ${i}`), { address: stackAddress, port: 7 });
        expect(await linux.poll(client, POLLIN, STEP_MS)).toBe(POLLIN);
        const answer = await linux.recvfrom(client, 100);
        expect(text(answer.data)).toBe(`echo request ${i}`);
        expect(answer.from).toEqual({ address: stackAddress, port: 7 });
      }
      await serving;
    }));

  it('a client on the stack asks a Linux server and gets the answer', () =>
    withPair(async ({ stack, linux, linuxAddress }) => {
      const server = await linux.socket('udp');
      await linux.bind(server, { address: linuxAddress, port: 9000 });
      const client = await stack.call('socket', 'udp');
      for (let i = 0; i < 3; i++) {
        const heard = linux.recvfrom(server, 100);
        await stack.call('sendto', client, Buffer.from(`question ${i}`), { address: linuxAddress, port: 9000 });
        const request = await heard;
        expect(text(request.data)).toBe(`question ${i}`);
        await linux.sendto(server, Buffer.from(`answer ${i}`), request.from);
        const answer = await recvfrom(stack, client);
        expect(answer && text(answer.data)).toBe(`answer ${i}`);
        expect(answer?.from).toEqual({ address: linuxAddress, port: 9000 });
      }
    }));

  it('through seeded loss and delay, a client that asks again gets every answer', () =>
    withPair(
      async ({ stack, linux, link, stackAddress }) => {
        const server = await stack.call('socket', 'udp');
        await stack.call('bind', server, { address: INADDR_ANY, port: 7 });
        let serving = true;
        const served = (async () => {
          while (serving) {
            const request = await recvfrom(stack, server, 50);
            if (request) await stack.call('sendto', server, request.data, request.from);
          }
        })();
        const client = await linux.socket('udp');
        let asked = 0;
        for (let i = 0; i < 8; i++) {
          const question = Buffer.from(`temp? #${i}`);
          let answer: Uint8Array | undefined;
          while (!answer) {
            const sentMs = performance.now();
            asked++;
            await linux.sendto(client, question, { address: stackAddress, port: 7 });
            if ((await linux.poll(client, POLLIN, 200)) === 0) continue;
            const reply = await linux.recvfrom(client, 100);
            // A late answer to an earlier try of the same question is as good.
            if (text(reply.data) !== text(question)) continue;
            answer = reply.data;
            expect(performance.now() - sentMs).toBeGreaterThanOrEqual(20);
          }
        }
        serving = false;
        await served;
        const lost = link.packets().filter((entry) => entry.dropReason === 'loss');
        // The seed loses some packets both ways, and the client asked again for each.
        expect(lost.length).toBeGreaterThan(0);
        expect(asked).toBeGreaterThan(8);
      },
      { seed: 7, toLinux: { delayUs: 10_000, impairments: { loss: 0.25 } }, fromLinux: { delayUs: 10_000, impairments: { loss: 0.25 } } },
    ));
});
