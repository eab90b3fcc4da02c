package io.homelab.observer.tracking.search;

import java.util.List;

/** One page of search results and the token of the next page (null on the last page). */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
  }

  /** Cuts a result fetched with one row too many into a page and its next token. */
  public static <T> Page<T> of(List<T> fetched, int offset, int maxResults) {
    if (fetched.size() > maxResults) {
      return new Page<>(fetched.subList(0, maxResults), PageToken.of(offset + maxResults));
    }
    return new Page<>(fetched, null);
  }
}
