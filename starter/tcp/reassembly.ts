// Generated from reference/tcp/reassembly.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The reassembly queue: data that arrived ahead of a gap, held until the gap is filled (RFC 9293
 * §3.10.7.4: segments beyond RCV.NXT "may be held for later processing"). Holding them instead of
 * dropping them means one lost segment costs one retransmission, not the whole window behind it.
 */
import { NotImplemented } from '../../harness/contract';

/** A run of contiguous bytes starting at `seq`; `fin` when the peer's FIN follows its last byte. */
export interface HeldRun {
  seq: number;
  data: Uint8Array;
  fin: boolean;
}

/** Out-of-order data of one connection, as disjoint runs sorted by sequence number. */
export class ReassemblyQueue {
  #runs: HeldRun[] = [];

  /** How many bytes are held. */
  get length(): number {
    return this.#runs.reduce((sum, run) => sum + run.data.length, 0);
  }

  /** Whether nothing is held. */
  get isEmpty(): boolean {
    return this.#runs.length === 0;
  }

  /** Forget everything held (the connection is over). */
  clear(): void {
    this.#runs = [];
  }

  /**
   * Hold `data` (at `seq`, beyond RCV.NXT), followed by the FIN when `fin`. Bytes already held
   * are kept and not copied twice: only the parts of `data` that fill gaps are added.
   */
  insert(seq: number, data: Uint8Array, fin: boolean): void {
    // TODO(m3): hold an out-of-order segment (only the bytes not held yet; runs stay sorted and disjoint)
    void seq;
    void data;
    void fin;
    throw new NotImplemented('m3', 'hold an out-of-order segment (only the bytes not held yet; runs stay sorted and disjoint)');
  }

  /**
   * Take the runs that start at or before `rcvNxt` (now in order), cut to what lies at or after
   * it. A run that ended before `rcvNxt` is dropped: its bytes arrived again in order.
   */
  takeFrom(rcvNxt: number): HeldRun[] {
    // TODO(m3): take the held runs that RCV.NXT has reached, in order
    void rcvNxt;
    throw new NotImplemented('m3', 'take the held runs that RCV.NXT has reached, in order');
  }
}
