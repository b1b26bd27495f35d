/**
 * A token bucket: up to `burst` frames at once, then `perMinute` frames per minute on average. One per
 * chat socket, so one noisy client cannot make the bot work for others' share. The clock is passed in
 * (milliseconds), so tests are exact.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    private readonly burst: number,
    perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token if there is one; false means the frame is over the limit. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
