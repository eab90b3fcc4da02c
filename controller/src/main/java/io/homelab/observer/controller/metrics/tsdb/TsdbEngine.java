package io.homelab.observer.controller.metrics.tsdb;

import io.homelab.observer.controller.metrics.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The embedded time-series store: an in-memory head of compressed chunks, logged to a WAL, cut into
 * immutable block files when it spans a block duration or outgrows its memory budget; raw blocks
 * are merged per day, rolled up after the raw retention and deleted after the roll-up retention
 * ({@link Retention}). One lock: appends and cuts write, queries read.
 */
public final class TsdbEngine implements AutoCloseable {

  static final String RAW = "raw";
  static final String ROLLUP = "rollup";

  final TsdbSettings settings;
  final LongSupplier clock;
  final Path blockDir;
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  final SeriesIndex index = new SeriesIndex();
  final List<Block> blocks = new ArrayList<>();
  private final Wal wal;
  private long headBytes;
  private long headMinT = Long.MAX_VALUE;
  private long headMaxT = Long.MIN_VALUE;
  private long outOfOrder;

  public TsdbEngine(TsdbSettings settings, LongSupplier clock) {
    this.settings = settings;
    this.clock = clock;
    this.blockDir = settings.dir().resolve("blocks");
    try {
      Files.createDirectories(blockDir);
      try (Stream<Path> s = Files.list(blockDir)) {
        for (Path p : s.sorted().toList()) {
          String n = p.getFileName().toString();
          if (n.endsWith(".tmp")) {
            Files.delete(
                p); // a block whose write was interrupted; its samples are still in the WAL
          } else if (n.endsWith(".blk")) {
            attach(Block.open(p));
          }
        }
      }
      Path walDir = settings.dir().resolve("wal");
      Files.createDirectories(walDir);
      List<Path> earlier;
      try (Stream<Path> s = Files.list(walDir)) {
        earlier = s.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
      }
      wal = new Wal(walDir);
      // Re-logged into the new segment as it is replayed, so that the old ones can go at the next
      // cut like any other. In batches, never all at once: a full 2 h head is millions of samples,
      // and holding them all as entries would take several times the head's own memory.
      List<Wal.Entry> replayed = new ArrayList<>(REPLAY_BATCH);
      Wal.replay(
          earlier,
          (labels, t, v) -> {
            HeadSeries s = index.getOrCreate(labels);
            if (t > s.lastT) {
              addToHead(s, t, v);
              replayed.add(new Wal.Entry(s, t, v));
              if (replayed.size() == REPLAY_BATCH) {
                relog(replayed);
              }
            }
          });
      relog(replayed);
      for (Path p : earlier) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the metrics store in " + settings.dir(), e);
    }
  }

  private static final int REPLAY_BATCH = 10_000;

  private void relog(List<Wal.Entry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      wal.log(batch);
    } catch (IOException e) {
      throw new UncheckedIOException("metrics WAL write failed during replay", e);
    }
    batch.clear();
  }

  /**
   * Appends a batch; samples older than or as old as their series' newest are refused (as
   * Prometheus does). @return the samples accepted, in order
   */
  public List<Sample> append(List<Sample> samples) {
    List<Sample> accepted = new ArrayList<>(samples.size());
    List<Wal.Entry> logged = new ArrayList<>(samples.size());
    lock.writeLock().lock();
    try {
      for (Sample sample : samples) {
        HeadSeries s = index.getOrCreate(sample.labels());
        if (sample.timestampMillis() <= s.lastT) {
          outOfOrder++;
          continue;
        }
        addToHead(s, sample.timestampMillis(), sample.value());
        accepted.add(sample);
        logged.add(new Wal.Entry(s, sample.timestampMillis(), sample.value()));
      }
      if (!logged.isEmpty()) {
        wal.log(logged);
      }
      if (headBytes > settings.headMaxBytes()
          || (headMaxT != Long.MIN_VALUE
              && headMaxT - headMinT >= settings.blockDuration().toMillis())) {
        cutLocked();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("metrics WAL write failed", e);
    } finally {
      lock.writeLock().unlock();
    }
    return accepted;
  }

  private void addToHead(HeadSeries s, long t, double v) {
    headBytes += s.append(t, v);
    headMinT = Math.min(headMinT, t);
    headMaxT = Math.max(headMaxT, t);
  }

  /** The samples of every series the matchers select, within [minT, maxT]. */
  public List<SeriesSamples> select(List<LabelMatcher> matchers, long minT, long maxT) {
    lock.readLock().lock();
    try {
      List<SeriesSamples> out = new ArrayList<>();
      for (HeadSeries s : index.select(matchers)) {
        SampleBuffer buf = new SampleBuffer(minT, maxT);
        s.read(buf, minT, maxT);
        if (buf.size() > 0) {
          out.add(new SeriesSamples(s.labels, buf.times(), buf.values()));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("metrics block read failed", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Label sets of the series with samples in [minT, maxT] that the matchers select. */
  public List<SortedMap<String, String>> series(List<LabelMatcher> matchers, long minT, long maxT) {
    lock.readLock().lock();
    try {
      List<SortedMap<String, String>> out = new ArrayList<>();
      for (HeadSeries s : index.select(matchers)) {
        if (overlaps(s, minT, maxT)) {
          out.add(s.labels);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static boolean overlaps(HeadSeries s, long minT, long maxT) {
    if (!s.isEmpty() && s.minTime() <= maxT && s.lastT >= minT) {
      return true;
    }
    for (HeadSeries.BlockRef b : s.blocks) {
      if (b.entry().minT() <= maxT && b.entry().maxT() >= minT) {
        return true;
      }
    }
    return false;
  }

  /** Writes the whole head into a block and starts a new WAL segment. */
  public void cut() {
    lock.writeLock().lock();
    try {
      cutLocked();
    } catch (IOException e) {
      throw new UncheckedIOException("metrics head cut failed", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void cutLocked() throws IOException {
    List<Block.Input> inputs = new ArrayList<>();
    List<HeadSeries> cut = new ArrayList<>();
    for (HeadSeries s : index.all()) {
      if (!s.isEmpty()) {
        inputs.add(new Block.Input(s.labels, s.merged()));
        cut.add(s);
      }
    }
    if (inputs.isEmpty()) {
      return;
    }
    List<Path> oldSegments = wal.rotate();
    Block b = Block.write(blockDir, RAW, 0, inputs);
    attach(b);
    cut.forEach(HeadSeries::clear);
    headBytes = 0;
    headMinT = Long.MAX_VALUE;
    headMaxT = Long.MIN_VALUE;
    for (Path p : oldSegments) {
      Files.deleteIfExists(p);
    }
  }

  void attach(Block b) {
    blocks.add(b);
    blocks.sort(Comparator.comparingLong(x -> x.minT));
    for (Block.Entry e : b.entries) {
      HeadSeries s = index.getOrCreate(e.labels());
      Block.Entry canonical =
          new Block.Entry(s.labels, e.count(), e.minT(), e.maxT(), e.offset(), e.length());
      s.blocks.add(new HeadSeries.BlockRef(b, canonical));
      s.blocks.sort(Comparator.comparingLong(r -> r.entry().minT()));
      s.lastT = Math.max(s.lastT, e.maxT());
    }
  }

  void detach(Block b) throws IOException {
    blocks.remove(b);
    for (Block.Entry e : b.entries) {
      HeadSeries s = index.get(e.labels());
      if (s != null) {
        s.blocks.removeIf(r -> r.block() == b);
      }
    }
    b.close();
    Files.deleteIfExists(b.path);
  }

  /** Forces the WAL to disk (every flush interval). */
  public void sync() {
    try {
      wal.sync();
    } catch (IOException e) {
      throw new UncheckedIOException("metrics WAL sync failed", e);
    }
  }

  /** Merges, rolls up and deletes blocks as the settings say, at the clock's now. */
  public void enforceRetention() {
    lock.writeLock().lock();
    try {
      new Retention(this).run(clock.getAsLong());
    } catch (IOException e) {
      throw new UncheckedIOException("metrics retention failed", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Sizes for /api/v1/status-like reporting, benchmarks and tests. */
  public record Stats(
      int series,
      long headBytes,
      int blocks,
      long blockBytes,
      long blockSamples,
      long outOfOrder) {}

  public Stats stats() {
    lock.readLock().lock();
    try {
      long bytes = 0;
      long samples = 0;
      for (Block b : blocks) {
        bytes += b.sizeBytes();
        for (Block.Entry e : b.entries) {
          samples += e.count();
        }
      }
      return new Stats(index.size(), headBytes, blocks.size(), bytes, samples, outOfOrder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      wal.close();
      for (Block b : blocks) {
        b.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.writeLock().unlock();
    }
  }
}
