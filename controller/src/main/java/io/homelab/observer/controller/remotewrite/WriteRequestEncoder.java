package io.homelab.observer.controller.remotewrite;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import io.homelab.observer.controller.metrics.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Builds a Prometheus remote-write 1.0 body: a {@code prometheus.WriteRequest} protobuf written
 * field by field with {@link CodedOutputStream} (the message has four fields; generated classes
 * would add a build step for nothing), then snappy block-compressed as the protocol requires.
 */
final class WriteRequestEncoder {

  // field numbers of prometheus/prompb/remote.proto and types.proto
  private static final int WRITE_REQUEST_TIMESERIES = 1;
  private static final int TIMESERIES_LABELS = 1;
  private static final int TIMESERIES_SAMPLES = 2;
  private static final int LABEL_NAME = 1;
  private static final int LABEL_VALUE = 2;
  private static final int SAMPLE_VALUE = 1;
  private static final int SAMPLE_TIMESTAMP = 2;

  private WriteRequestEncoder() {}

  /** The snappy-compressed protobuf of one request carrying {@code samples}. */
  static byte[] encode(List<Sample> samples) {
    byte[] raw = protobuf(samples);
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] out = new byte[snappy.maxCompressedLength(raw.length)];
    int n = snappy.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  /**
   * The uncompressed {@code WriteRequest}: one time series per label set, its samples in the order
   * the store accepted them (which is time order, as the receiver requires).
   */
  static byte[] protobuf(List<Sample> samples) {
    Map<SortedMap<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
    for (Sample s : samples) {
      bySeries.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(s);
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(samples.size() * 64);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      for (Map.Entry<SortedMap<String, String>, List<Sample>> e : bySeries.entrySet()) {
        out.writeByteArray(WRITE_REQUEST_TIMESERIES, timeSeries(e.getKey(), e.getValue()));
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] timeSeries(SortedMap<String, String> labels, List<Sample> samples)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    // a SortedMap iterates by name: the receiver wants labels sorted; empty values mean "absent"
    for (Map.Entry<String, String> l : labels.entrySet()) {
      if (l.getValue() == null || l.getValue().isEmpty()) {
        continue;
      }
      ByteArrayOutputStream label = new ByteArrayOutputStream(64);
      CodedOutputStream lo = CodedOutputStream.newInstance(label);
      lo.writeString(LABEL_NAME, l.getKey());
      lo.writeString(LABEL_VALUE, l.getValue());
      lo.flush();
      out.writeByteArray(TIMESERIES_LABELS, label.toByteArray());
    }
    for (Sample s : samples) {
      ByteArrayOutputStream sample = new ByteArrayOutputStream(18);
      CodedOutputStream so = CodedOutputStream.newInstance(sample);
      // writeDouble keeps the raw bits, so staleness markers (a NaN payload) arrive as markers
      so.writeDouble(SAMPLE_VALUE, s.value());
      so.writeInt64(SAMPLE_TIMESTAMP, s.timestampMillis());
      so.flush();
      out.writeByteArray(TIMESERIES_SAMPLES, sample.toByteArray());
    }
    out.flush();
    return bytes.toByteArray();
  }
}
