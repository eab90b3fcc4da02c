package io.homelab.observer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code-shape rules of CONTRIBUTING.md, checked over every module's compiled classes and main
 * sources. It runs in this module because the reactor builds it after all the others. Each rule
 * lists every offender, so one run shows the whole clean-up.
 */
class ArchitectureTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Service module directory -> its root package (slash form). */
  private static final Map<String, String> SERVICES =
      Map.of(
          "agent", "io/homelab/observer/agent",
          "controller", "io/homelab/observer/controller",
          "tracking-server", "io/homelab/observer/tracking",
          "dashboard", "io/homelab/observer/dashboard");

  private static final List<String> ALL_MODULES =
      List.of("common", "metrics-exporter", "agent", "controller", "tracking-server", "dashboard");

  private static final int MAX_LINES = 400;
  private static final Pattern REFERENCE = Pattern.compile("io/homelab/observer/[\\w/$]+");

  @Test
  void noServiceImportsAnotherService() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (var service : SERVICES.entrySet()) {
      for (var cls : references(service.getKey()).entrySet()) {
        for (String ref : cls.getValue()) {
          for (var other : SERVICES.entrySet()) {
            if (!other.getKey().equals(service.getKey())
                && ref.startsWith(other.getValue() + "/")) {
              offenders.add(cls.getKey() + " -> " + ref);
            }
          }
        }
      }
    }
    assertThat(offenders).as("service classes using another service's module").isEmpty();
  }

  /**
   * Packages are compared whole, sub-packages apart from their parent ({@code logs.store} and
   * {@code logs.search} are two packages), so a cycle inside one feature fails too. A failure names
   * one class reference for every edge inside each cycle.
   */
  @Test
  void noPackageCycleInsideAService() throws IOException {
    List<String> cycles = new ArrayList<>();
    for (var service : SERVICES.entrySet()) {
      Map<String, Set<String>> graph = new TreeMap<>();
      Map<String, String> witness = new HashMap<>();
      String root = service.getValue() + "/";
      for (var cls : references(service.getKey()).entrySet()) {
        String from = packageOf(root, cls.getKey());
        graph.computeIfAbsent(from, k -> new TreeSet<>());
        for (String ref : cls.getValue()) {
          if (ref.startsWith(root)) {
            String to = packageOf(root, ref);
            if (!to.equals(from)) {
              graph.get(from).add(to);
              witness.putIfAbsent(from + " -> " + to, cls.getKey() + " -> " + ref);
            }
          }
        }
      }
      for (Set<String> scc : stronglyConnected(graph)) {
        if (scc.size() > 1) {
          List<String> edges = new ArrayList<>();
          for (String from : scc) {
            for (String to : graph.get(from)) {
              if (scc.contains(to)) {
                edges.add(witness.get(from + " -> " + to));
              }
            }
          }
          cycles.add(service.getKey() + ": " + scc + " " + edges);
        }
      }
    }
    assertThat(cycles).as("package cycles (packages that import each other)").isEmpty();
  }

  @Test
  void noFeatureUsesAnotherFeaturesResource() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (var service : SERVICES.entrySet()) {
      String root = service.getValue() + "/";
      for (var cls : references(service.getKey()).entrySet()) {
        String from = feature(root, cls.getKey());
        for (String ref : cls.getValue()) {
          String simple = ref.substring(ref.lastIndexOf('/') + 1);
          if (ref.startsWith(root)
              && simple.endsWith("Resource")
              && !feature(root, ref).equals(from)) {
            offenders.add(cls.getKey() + " -> " + ref);
          }
        }
      }
    }
    assertThat(offenders).as("features using another feature's REST resource").isEmpty();
  }

  @Test
  void noMainSourceFileOverTheLimit() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String module : ALL_MODULES) {
      Path src = ROOT.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          long lines;
          try (Stream<String> l = Files.lines(file)) {
            lines = l.count();
          }
          if (lines > MAX_LINES) {
            offenders.add(ROOT.relativize(file) + " (" + lines + " lines)");
          }
        }
      }
    }
    assertThat(offenders).as("main source files over " + MAX_LINES + " lines").isEmpty();
  }

  /**
   * The package of a class under the service root, sub-packages kept apart ({@code logs/store}, not
   * {@code logs}): a cycle between two sub-packages of one feature is a cycle too.
   */
  private static String packageOf(String root, String className) {
    String rest = className.substring(root.length());
    int slash = rest.lastIndexOf('/');
    return slash < 0 ? "(root)" : rest.substring(0, slash).replace('/', '.');
  }

  /** The feature package of a class: the first package segment under the service root. */
  private static String feature(String root, String className) {
    String rest = className.substring(root.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? "(root)" : rest.substring(0, slash);
  }

  /**
   * Every compiled main class of {@code module} with the project classes it names in its constant
   * pool (class references and type descriptors alike), nested classes folded into their file.
   */
  private static Map<String, Set<String>> references(String module) throws IOException {
    Path classes = ROOT.resolve(module).resolve("target/classes");
    assertThat(classes).as("compiled classes of " + module + " (build it first)").isDirectory();
    Map<String, Set<String>> result = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        name = topLevel(name.substring(0, name.length() - ".class".length()));
        Set<String> refs = result.computeIfAbsent(name, k -> new TreeSet<>());
        try (InputStream in = Files.newInputStream(file)) {
          for (String text : utf8Constants(in)) {
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
              refs.add(topLevel(m.group()));
            }
          }
        }
      }
    }
    return result;
  }

  private static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  /** The UTF-8 entries of a class file's constant pool (JVMS 4.4), where all names live. */
  private static List<String> utf8Constants(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    in.readInt(); // magic
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    List<String> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> out.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // longs and doubles take two slots
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return out;
  }

  /** Tarjan's strongly connected components. */
  private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    List<String> stack = new ArrayList<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      List<String> stack,
      Set<String> onStack,
      List<Set<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.add(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> scc = new TreeSet<>();
      String w;
      do {
        w = stack.remove(stack.size() - 1);
        onStack.remove(w);
        scc.add(w);
      } while (!w.equals(v));
      out.add(scc);
    }
  }
}
