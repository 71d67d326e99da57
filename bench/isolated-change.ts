/**
 * The watch-latency samples of `npm run bench -- topology` are isolated changes, as a user's apply is:
 * the change feed hands a change over at once unless it follows the previous hand-over closely (then it
 * is batched with what follows), so each sample waits out the feed's quiet period first. Back to back,
 * every sample would measure the batching of a burst instead.
 */
import { DEFAULT_CHANGE_FEED } from '../server/src/topology/change-feed';

export function isolatedChangePause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2 * DEFAULT_CHANGE_FEED.quietMs));
}
