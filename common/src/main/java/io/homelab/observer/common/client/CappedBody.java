package io.homelab.observer.common.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap: past it the connection is cancelled and the call
 * fails, so a broken or hostile agent cannot make the controller buffer an endless answer.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The answer was larger than the cap; nothing of it is used. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long max) {
      super("answer larger than " + max + " bytes");
    }
  }

  private final long max;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private boolean overflowed;

  private CappedBody(long max) {
    this.max = max;
  }

  static HttpResponse.BodyHandler<byte[]> handler(long max) {
    return info -> {
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > max) {
        // Refused before a byte is read.
        return HttpResponse.BodySubscribers.replacing(null);
      }
      return new CappedBody(max);
    };
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (overflowed) {
      return;
    }
    for (ByteBuffer b : items) {
      if (out.size() + (long) b.remaining() > max) {
        overflowed = true;
        subscription.cancel();
        result.completeExceptionally(new TooLarge(max));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      out.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    if (!overflowed) {
      result.complete(out.toByteArray());
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
