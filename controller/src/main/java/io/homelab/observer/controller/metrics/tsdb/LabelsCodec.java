package io.homelab.observer.controller.metrics.tsdb;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Label sets as the WAL and block files store them: a count, then name/value pairs. */
final class LabelsCodec {

  private LabelsCodec() {}

  static void write(DataOutput out, SortedMap<String, String> labels) throws IOException {
    out.writeShort(labels.size());
    for (Map.Entry<String, String> e : labels.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static SortedMap<String, String> read(DataInput in) throws IOException {
    int n = in.readUnsignedShort();
    TreeMap<String, String> labels = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      labels.put(in.readUTF(), in.readUTF());
    }
    return labels;
  }
}
