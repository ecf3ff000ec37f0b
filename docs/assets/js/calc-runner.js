// @ts-check
// Runs the core on every change at once, without a queue: at most one request per calculator is on its
// way; changes made meanwhile are folded into one next request, read from the form when it is sent (so
// it is always the newest input). Each request has a sequence number, and an answer older than the one
// on screen is never drawn over it; an answer that arrives while a newer change waits is not drawn.

/** @template P, R */
export class Runner {
  /**
   * @param {{read: () => P | null, send: (payload: P) => Promise<R>, sent?: (payload: P) => void,
   *          draw: (payload: P, result: R) => void, fail: (err: unknown) => void}} steps
   *   read: the payload for the core from the form as it is now (null: send nothing now);
   *   send: ask the core; sent: work that can be done while the core computes (saving the state);
   *   draw: put its answer on the page; fail: the engine failed (newest request only).
   */
  constructor(steps) {
    this.steps = steps;
    /** Number of the last request sent. */
    this.seq = 0;
    /** Number of the request whose answer is on screen. */
    this.drawn = 0;
    /** Answers of requests up to this number are dropped (after a reset). */
    this.dropped = 0;
    /** A change came in that no request sent so far includes. */
    this.dirty = false;
    this.busy = false;
    /** @type {Array<{after: number, resolve: () => void}>} */
    this.waiters = [];
  }

  /** A change: send it now, or with the next request when one is on its way. The promise settles once an
   *  answer that includes this change is drawn (or dropped by a reset, or the engine failed). */
  request() {
    this.dirty = true;
    const done = new Promise((resolve) => this.waiters.push({ after: this.seq, resolve: () => resolve(undefined) }));
    if (!this.busy) this.pump();
    return done;
  }

  /** Forget pending changes and drop the answer on its way (the form was reset). */
  cancel() {
    this.dirty = false;
    this.dropped = this.seq;
    this.release(Infinity);
  }

  /** @param {number} seq settle every waiter whose change was sent in request `seq` or before */
  release(seq) {
    const still = [];
    for (const w of this.waiters) {
      if (w.after < seq) w.resolve(); else still.push(w);
    }
    this.waiters = still;
  }

  async pump() {
    this.busy = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        const payload = this.steps.read();
        const seq = ++this.seq;
        if (payload === null) { this.release(seq); continue; }
        let result;
        try {
          const answer = this.steps.send(payload);
          if (this.steps.sent) this.steps.sent(payload);
          result = await answer;
        } catch (err) {
          if (seq === this.seq && !this.dirty) this.steps.fail(err);
          this.release(seq);
          continue;
        }
        // A newer change is already waiting: its answer follows, so this one is not drawn (drawing a
        // large result costs the page more than the core's answer is worth by then).
        if (this.dirty) { this.release(seq); continue; }
        if (seq > this.drawn && seq > this.dropped) {
          this.drawn = seq;
          this.steps.draw(payload, result);
        }
        this.release(seq);
      }
    } finally {
      this.busy = false;
    }
  }
}
