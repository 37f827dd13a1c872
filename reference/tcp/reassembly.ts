/**
 * The reassembly queue: data that arrived ahead of a gap, held until the gap is filled (RFC 9293
 * §3.10.7.4: segments beyond RCV.NXT "may be held for later processing"). Holding them instead of
 * dropping them means one lost segment costs one retransmission, not the whole window behind it.
 */
import { seqAdd, seqDiff, seqLt } from './seq';

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
    // @solution m3 begin: hold an out-of-order segment (only the bytes not held yet; runs stay sorted and disjoint)
    const end = seqAdd(seq, data.length);
    let cursor = seq;
    const added: HeldRun[] = [];
    for (const run of this.#runs) {
      const runEnd = seqAdd(run.seq, run.data.length);
      if (seqLt(cursor, run.seq) && seqLt(cursor, end)) {
        const upTo = seqLt(run.seq, end) ? run.seq : end;
        added.push({ seq: cursor, data: data.slice(seqDiff(cursor, seq), seqDiff(upTo, seq)), fin: false });
      }
      if (seqLt(cursor, runEnd)) cursor = runEnd;
    }
    if (seqLt(cursor, end)) added.push({ seq: cursor, data: data.slice(seqDiff(cursor, seq)), fin: false });
    const runs = [...this.#runs, ...added];
    if (fin) {
      // The FIN follows the run that ends where this segment ends, or gets an empty run of its own.
      const last = runs.find((run) => seqAdd(run.seq, run.data.length) === end);
      if (last) last.fin = true;
      else runs.push({ seq: end, data: new Uint8Array(0), fin: true });
    }
    this.#runs = runs.sort((a, b) => seqDiff(a.seq, b.seq));
    // @solution end
  }

  /**
   * Take the runs that start at or before `rcvNxt` (now in order), cut to what lies at or after
   * it. A run that ended before `rcvNxt` is dropped: its bytes arrived again in order.
   */
  takeFrom(rcvNxt: number): HeldRun[] {
    // @solution m3 begin: take the held runs that RCV.NXT has reached, in order
    const taken: HeldRun[] = [];
    let next = rcvNxt;
    for (let run = this.#runs[0]; run !== undefined && !seqLt(next, run.seq); run = this.#runs[0]) {
      this.#runs.shift();
      const skip = seqDiff(next, run.seq);
      if (skip > run.data.length || (skip === run.data.length && !run.fin)) continue;
      taken.push({ seq: next, data: run.data.subarray(skip), fin: run.fin });
      next = seqAdd(next, run.data.length - skip);
    }
    return taken;
    // @solution end
  }
}
