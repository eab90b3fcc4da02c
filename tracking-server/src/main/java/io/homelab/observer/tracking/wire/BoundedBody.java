package io.homelab.observer.tracking.wire;

import io.homelab.observer.tracking.error.BodyTooLargeException;
import io.homelab.observer.tracking.error.MlflowException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory up to a limit, counting the bytes as they arrive: a chunked body
 * (no Content-Length) is cut off at the limit like any other, so a client, authenticated or not,
 * can never make the server hold more than {@code max} bytes of it. Past the limit the future fails
 * with {@link TooLarge} and later chunks are dropped unread into memory; the caller answers 413 and
 * closes the connection.
 */
public final class BoundedBody {

  /**
   * Largest request body held in memory: every route but the artifact uploads (which stream to
   * disk). MLflow's biggest JSON request (a dataset profile) is 16 MiB.
   */
  public static final long MAX_IN_MEMORY = 32L << 20;

  private BoundedBody() {}

  /**
   * Reads the body of a blocking route from its stream, counting the bytes as they arrive (a
   * chunked body is cut off like one with a length); past {@code max} it throws {@link
   * BodyTooLargeException} (413) without reading further. The server accepts bodies of any size for
   * artifact uploads, so every route that buffers a body reads it through here.
   */
  public static byte[] readAll(InputStream in, long max) {
    try {
      byte[] body = in.readNBytes(Math.toIntExact(max + 1));
      if (body.length > max) {
        throw new BodyTooLargeException(max);
      }
      return body;
    } catch (IOException e) {
      throw MlflowException.invalid("Could not read the request body.");
    }
  }

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
