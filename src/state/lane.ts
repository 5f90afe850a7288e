/**
 * The one freshness rule for the page's requests to the engine workers. Work is done in lanes
 * (the notebook's simulation, a comparison, an import, a refit, …); in a lane only the answer
 * to the newest request counts. Every request takes the lane's next id, its reply echoes that
 * id, and `isCurrent` is the only place the two are compared: a late answer to an older
 * request describes a journey or a file that has changed since, and is ignored.
 */
export class Lane {
  private newest = 0;

  /** The id for a new request; every earlier request of the lane is stale from now on. */
  next(): number {
    return ++this.newest;
  }

  /** Makes every request so far stale without sending a new one (its answer is no longer wanted). */
  supersede(): void {
    this.newest++;
  }

  /** Whether `requestId` (of a request, or echoed by its reply) is the lane's newest request. */
  isCurrent(requestId: number): boolean {
    return requestId === this.newest;
  }
}
