package io.homelab.observer.tracking.logs.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.homelab.observer.tracking.logs.LogLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the usual body of {@code POST /api/2.0/homelab/logs} in one streaming pass straight into
 * checked {@link LogLine}s: no record per entry, no label map per line when a line repeats the
 * previous line's labels, and host, service, level and label strings shared with the previous line
 * when they are the same (an agent's batch is one container after another). Binding the body to
 * records first and copying it into lines was about a third of the ingest path's Java time.
 *
 * <p>Only the plain shape is read here: strings as strings, timestamps as integers, labels as an
 * object. Anything else (a number where a string belongs, bytes that are not UTF-8, a line that
 * breaks a {@link LineRules} rule, ...) answers null, and the caller binds the body the general way
 * ({@code RequestReader.objectBody}), which accepts or refuses it with the documented message. So
 * this class changes the cost of a valid request, never its outcome.
 */
final class IngestBodyParser {

  /** A body read: the optional batch id and its lines, each already checked. */
  record Batch(String batchId, List<LogLine> lines) {}

  /** Not the plain shape: the caller falls back to the general binding. */
  private static final class NotPlain extends Exception {
    NotPlain() {
      super(null, null, false, false); // thrown for control flow only: no stack trace
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  private final JsonFactory factory;

  // Per parse: the previous entry's values, reused when an entry repeats them.
  private String host;
  private String service;
  private String level;
  private String[] names = new String[8];
  private String[] values = new String[8];
  private int count;
  private String[] previousNames = new String[8];
  private String[] previousValues = new String[8];
  private int previousCount = -1;
  private Map<String, String> previousLabels;

  private IngestBodyParser(JsonFactory factory) {
    this.factory = factory;
  }

  /** The body's batch, or null when it must be bound the general way (see the class comment). */
  static Batch parse(JsonFactory factory, byte[] body) {
    try {
      return new IngestBodyParser(factory).read(body);
    } catch (NotPlain | IOException | RuntimeException e) {
      // RuntimeException: a LineRules refusal (MlflowException) or a number out of range; the
      // general binding answers it with the same message as always.
      return null;
    }
  }

  private Batch read(byte[] body) throws IOException, NotPlain {
    try (JsonParser p = factory.createParser(body)) {
      expect(p.nextToken() == JsonToken.START_OBJECT);
      String batchId = null;
      List<LogLine> lines = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("batch_id".equals(field)) {
          batchId = value == JsonToken.VALUE_NULL ? null : plainString(p);
        } else if ("entries".equals(field)) {
          expect(value == JsonToken.START_ARRAY);
          lines = entries(p);
        } else {
          p.skipChildren(); // unknown fields are ignored, as everywhere in the MLflow API
        }
      }
      expect(p.currentToken() == JsonToken.END_OBJECT && lines != null);
      expect(lines.size() <= LineRules.MAX_ENTRIES);
      return new Batch(batchId, lines);
    }
  }

  private List<LogLine> entries(JsonParser p) throws IOException, NotPlain {
    List<LogLine> lines = new ArrayList<>(1024);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      // A refused line is named by the general binding this parser falls back to, not here.
      lines.add(entry(p, "entries"));
    }
    expect(p.currentToken() == JsonToken.END_ARRAY);
    return lines;
  }

  private LogLine entry(JsonParser p, String where) throws IOException, NotPlain {
    Long timestamp = null;
    String message = null;
    String entryHost = null;
    String entryService = null;
    String entryLevel = null;
    boolean hasLabels = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "timestamp" -> {
          expect(
              value == JsonToken.VALUE_NUMBER_INT
                  && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
          timestamp = p.getLongValue();
        }
        case "host" -> entryHost = host = shared(p, host);
        case "service" -> entryService = service = shared(p, service);
        case "level" -> entryLevel = level = shared(p, level);
        case "message" -> message = value == JsonToken.VALUE_NULL ? null : plainString(p);
        case "labels" -> hasLabels = labels(p, value);
        default -> p.skipChildren();
      }
    }
    Map<String, String> labels = hasLabels ? labelMap() : null;
    LogLine line =
        LineRules.line(where, timestamp, entryHost, entryService, entryLevel, message, labels);
    if (hasLabels) {
      rememberLabels(line.labels());
    }
    return line;
  }

  /** Reads a labels object into {@link #names}/{@link #values}; false for {@code null}. */
  private boolean labels(JsonParser p, JsonToken value) throws IOException, NotPlain {
    if (value == JsonToken.VALUE_NULL) {
      return false;
    }
    expect(value == JsonToken.START_OBJECT);
    count = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
        values = Arrays.copyOf(values, count * 2);
      }
      String name = p.currentName();
      names[count] = name; // field names are canonicalised by the parser: one String per name
      p.nextToken();
      values[count] = shared(p, count < previousCount ? previousValues[count] : null);
      count++;
    }
    return true;
  }

  /** The labels just read: the previous entry's map when they are the same, in the same order. */
  private Map<String, String> labelMap() {
    if (count == previousCount) {
      boolean same = true;
      for (int i = 0; i < count && same; i++) {
        same = names[i].equals(previousNames[i]) && sameValue(values[i], previousValues[i]);
      }
      if (same) {
        return previousLabels;
      }
    }
    // Put in order, so a repeated name keeps its last value as the general binding does.
    Map<String, String> map = new HashMap<>(count * 2);
    for (int i = 0; i < count; i++) {
      map.put(names[i], values[i]);
    }
    return map;
  }

  private void rememberLabels(Map<String, String> checked) {
    if (checked == previousLabels) {
      return;
    }
    if (previousNames.length < count) {
      previousNames = new String[names.length];
      previousValues = new String[names.length];
    }
    System.arraycopy(names, 0, previousNames, 0, count);
    System.arraycopy(values, 0, previousValues, 0, count);
    previousCount = count;
    previousLabels = checked;
  }

  private static boolean sameValue(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  /** A string value, or null; the previous entry's String when the text is the same. */
  private static String shared(JsonParser p, String previous) throws IOException, NotPlain {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(t == JsonToken.VALUE_STRING);
    char[] text = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    if (previous != null && previous.length() == length) {
      int i = 0;
      while (i < length && previous.charAt(i) == text[offset + i]) {
        i++;
      }
      if (i == length) {
        return previous;
      }
    }
    return new String(text, offset, length);
  }

  private static String plainString(JsonParser p) throws IOException, NotPlain {
    expect(p.currentToken() == JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static void expect(boolean plain) throws NotPlain {
    if (!plain) {
      throw NOT_PLAIN;
    }
  }
}
