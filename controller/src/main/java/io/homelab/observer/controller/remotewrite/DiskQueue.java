package io.homelab.observer.controller.remotewrite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Remote-write requests waiting for the receiver, one file per request in {@code
 * <data-dir>/remote-write}, named by a sequence number so they go out in order and survive a
 * restart. Bounded: when a new request would exceed {@code maxBytes}, the oldest are dropped (a
 * receiver down for days must not fill the disk; the controller's own store still has the data).
 */
final class DiskQueue {

  private static final String SUFFIX = ".req";

  private final Path dir;
  private final long maxBytes;
  private final Deque<Path> files = new ArrayDeque<>();
  private long bytes;
  private long nextSeq;
  private long dropped;

  DiskQueue(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
            .sorted((a, b) -> Long.compare(seq(a), seq(b)))
            .forEach(
                p -> {
                  files.addLast(p);
                  bytes += size(p);
                  nextSeq = Math.max(nextSeq, seq(p) + 1);
                });
      }
      // a request half-written when the controller died is not in the queue: drop it
      try (Stream<Path> list = Files.list(dir)) {
        for (Path p : list.filter(x -> x.toString().endsWith(".tmp")).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("remote-write queue " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Adds one request at the tail, dropping the oldest while the bound would be exceeded. */
  synchronized void add(byte[] request) throws IOException {
    while (!files.isEmpty() && bytes + request.length > maxBytes) {
      Path oldest = files.removeFirst();
      bytes -= size(oldest);
      Files.deleteIfExists(oldest);
      dropped++;
    }
    Path target = dir.resolve(String.format("%020d", nextSeq++) + SUFFIX);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    Files.write(tmp, request);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    files.addLast(target);
    bytes += request.length;
  }

  /** The oldest request, left in the queue until {@link #remove(Path)}. */
  synchronized Optional<Path> peek() {
    return Optional.ofNullable(files.peekFirst());
  }

  /** Removes a request that was delivered or rejected for good. */
  synchronized void remove(Path request) throws IOException {
    if (files.remove(request)) {
      bytes -= size(request);
    }
    Files.deleteIfExists(request);
  }

  synchronized int size() {
    return files.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  /** Requests dropped because the bound was reached, since start. */
  synchronized long dropped() {
    return dropped;
  }

  private static long seq(Path p) {
    String name = p.getFileName().toString();
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
