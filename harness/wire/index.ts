/**
 * The harness's own IPv4, UDP, TCP and ICMP codecs: the trusted judge's view of the wire.
 * Tests craft packets with them (correct by default, any field overridable to make a bad one),
 * decode what a stack transmits (never throwing), and print packets in failure messages.
 */
export * from './result';
export * from './address';
export * from './checksum';
export * from './ipv4';
export * from './udp';
export * from './tcp-options';
export * from './tcp';
export * from './icmp';
export * from './packet';
export * from './format';
export * from './hexdump';
