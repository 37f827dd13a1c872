/**
 * epoll_event's data as a script writes it: one member of the C union epoll_data_t, by name —
 * `fd=4`, `u32=7`, `ptr=0x10`, `u64=0x100000000`. The kernel keeps the union's 64 bits and hands
 * them back from epoll_wait untouched. fd and u32 are the low 32 bits of them (x86-64 and arm64
 * are little-endian), ptr and u64 all 64: that much of what comes back is what a script checks.
 */

/** The members of epoll_data_t, in C's order, and how many of the union's bits each is. */
export const EPOLL_DATA_BITS = { ptr: 64, fd: 32, u32: 32, u64: 64 } as const;

export type EpollDataMember = keyof typeof EPOLL_DATA_BITS;

/** Data a script gives: the member it names, its value, and whether it wrote it in hex. */
export interface EpollData {
  readonly member: EpollDataMember;
  readonly value: bigint;
  readonly hex: boolean;
}

/** Whether `actual`, the 64 bits epoll_wait returned, is `expected` in the bits of its member. */
export function dataMatches(expected: EpollData, actual: bigint): boolean {
  return BigInt.asUintN(EPOLL_DATA_BITS[expected.member], actual) === expected.value;
}

/** `value` (the union's 64 bits) as the script would write it in the member and base of `spelling`: `ptr=0x10`. */
export function spellData(value: bigint, spelling: EpollData): string {
  const bits = BigInt.asUintN(EPOLL_DATA_BITS[spelling.member], value);
  return `${spelling.member}=${spelling.hex ? `0x${bits.toString(16)}` : String(bits)}`;
}
