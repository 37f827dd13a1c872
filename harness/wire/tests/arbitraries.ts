/** fast-check generators for the wire codecs' inputs, shared by the wire tests. */
import fc from 'fast-check';
import { encodeTcpOptions, TcpOptionKind, type IcmpMessage, type Ipv4Fields, type TcpOption } from '..';

export const address = (): fc.Arbitrary<string> => fc.ipV4();
export const u8 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xff });
export const u16 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xffff });
export const u32 = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 0xffffffff });
export const bytes = (maxLength: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength });

/** IPv4 header fields with every optional field set (options a whole number of words, so they decode back unchanged). */
export const ipv4Fields = (): fc.Arbitrary<Required<Omit<Ipv4Fields, 'ihl' | 'totalLength' | 'checksum' | 'version'>>> =>
  fc.record({
    src: address(),
    dst: address(),
    protocol: u8(),
    tos: u8(),
    id: u16(),
    reservedFlag: fc.boolean(),
    dontFragment: fc.boolean(),
    moreFragments: fc.boolean(),
    fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
    ttl: u8(),
    options: fc.integer({ min: 0, max: 10 }).chain((words) => fc.uint8Array({ minLength: 4 * words, maxLength: 4 * words })),
  });

// Kinds the option codec names; a raw option of another kind stays raw when decoded.
const NAMED_KINDS: ReadonlySet<number> = new Set(Object.values(TcpOptionKind));

/** Any TCP option except End of Option List (which may only come last). */
export const tcpOption = (): fc.Arbitrary<TcpOption> =>
  fc.oneof(
    fc.constant<TcpOption>({ kind: 'nop' }),
    u16().map((value): TcpOption => ({ kind: 'mss', value })),
    u8().map((shift): TcpOption => ({ kind: 'wscale', shift })),
    fc.constant<TcpOption>({ kind: 'sackPermitted' }),
    fc
      .array(fc.record({ left: u32(), right: u32() }), { minLength: 1, maxLength: 4 })
      .map((blocks): TcpOption => ({ kind: 'sack', blocks })),
    fc.record({ tsval: u32(), tsecr: u32() }).map((ts): TcpOption => ({ kind: 'timestamp', ...ts })),
    fc
      .record({ kind: u8().filter((k) => !NAMED_KINDS.has(k)), data: bytes(12) })
      .map((raw): TcpOption => raw),
  );

/**
 * A list of TCP options that fits in a header. No End of Option List: at the end it decodes as
 * padding, so it is tested by example instead.
 */
export const tcpOptions = (): fc.Arbitrary<TcpOption[]> =>
  fc.array(tcpOption(), { maxLength: 8 }).filter((options) => encodeTcpOptions(options).length <= 40);

/** An ICMP message in the form the decoder gives back (echo code 0, unreachables with nextHopMtu). */
export const icmpMessage = (): fc.Arbitrary<IcmpMessage> =>
  fc.oneof(
    fc
      .record({ kind: fc.constantFrom('echoRequest' as const, 'echoReply' as const), id: u16(), seq: u16(), data: bytes(64) })
      .map((m): IcmpMessage => m),
    fc
      .record({ code: u8(), nextHopMtu: u16(), original: bytes(60) })
      .map((m): IcmpMessage => ({ kind: 'unreachable', ...m })),
    fc
      .record({ type: u8(), code: u8(), rest: u32(), data: bytes(64) })
      .filter((m) => m.type !== 0 && m.type !== 3 && m.type !== 8)
      .map((m): IcmpMessage => ({ kind: 'other', ...m })),
  );
