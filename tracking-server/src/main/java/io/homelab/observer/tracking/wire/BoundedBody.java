package io.homelab.observer.tracking.wire;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body into memory up to a limit, counting the bytes as they arrive: a chunked body
 * (no Content-Length) is cut off at the limit like any other, so a client, authenticated or not,
 * can never make the server hold more than {@code max} bytes of it. Past the limit the future fails
 * with {@link TooLarge} and later chunks are dropped unread into memory; the caller answers 413 and
 * closes the connection.
 */
public final class BoundedBody {

  private BoundedBody() {}

  /** The body was longer than the limit. */
  public static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("request body over the limit", null, false, false);
    }
  }

  /** Reads the whole body of {@code request}, or fails with {@link TooLarge} past {@code max}. */
  public static Future<Buffer> read(HttpServerRequest request, long max) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (promise.future().isComplete()) {
            return;
          }
          if ((long) body.length() + chunk.length() > max) {
            promise.tryFail(new TooLarge());
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }
}
