package io.homelab.observer.dashboard.layout;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses dashboard.yml into a {@link DashboardLayout}. The YAML is composed into nodes (never
 * constructed into arbitrary classes) so every error can name its line.
 */
public final class DashboardFileParser {

  private DashboardFileParser() {}

  public static DashboardLayout parse(String text, Map<String, String> env) {
    String expanded = EnvSubstitution.apply(text, env);
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      root = new Yaml(options).compose(new StringReader(expanded));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new DashboardConfigException(line, e.getProblem());
    }
    if (!(root instanceof MappingNode top)) {
      throw new DashboardConfigException(1, "expected a mapping with 'pages'");
    }
    Map<String, Node> keys = mapping(top);
    String title = keys.containsKey("title") ? scalar(keys.get("title")) : "Homelab";
    Node pagesNode = keys.get("pages");
    if (!(pagesNode instanceof SequenceNode pages) || pages.getValue().isEmpty()) {
      throw new DashboardConfigException(line(top), "'pages' must be a non-empty list");
    }
    List<PageSpec> out = new ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (Node p : pages.getValue()) {
      PageSpec page = page(p);
      if (!slugs.add(page.slug())) {
        throw new DashboardConfigException(
            line(p), "two pages have the slug '" + page.slug() + "'");
      }
      out.add(page);
    }
    return new DashboardLayout(title, out);
  }

  private static PageSpec page(Node node) {
    Map<String, Node> keys = mapping(node);
    String name = required(keys, "name", node);
    String slug = keys.containsKey("slug") ? scalar(keys.get("slug")) : slugOf(name);
    if (!slug.matches("[a-z0-9-]+")) {
      throw new DashboardConfigException(
          line(node), "slug '" + slug + "' may hold only a-z, 0-9 and -");
    }
    if (!(keys.get("columns") instanceof SequenceNode cols) || cols.getValue().isEmpty()) {
      throw new DashboardConfigException(
          line(node), "page '" + name + "' needs 'columns' (1 to 3)");
    }
    if (cols.getValue().size() > 3) {
      throw new DashboardConfigException(line(cols), "page '" + name + "' has more than 3 columns");
    }
    List<ColumnSpec> columns = new ArrayList<>();
    int full = 0;
    for (Node c : cols.getValue()) {
      ColumnSpec col = column(c);
      full += "full".equals(col.size()) ? 1 : 0;
      columns.add(col);
    }
    if (full < 1 || full > 2) {
      throw new DashboardConfigException(
          line(cols), "page '" + name + "' must have 1 or 2 'full' columns");
    }
    return new PageSpec(name, slug, columns);
  }

  private static ColumnSpec column(Node node) {
    Map<String, Node> keys = mapping(node);
    String size = keys.containsKey("size") ? scalar(keys.get("size")) : "full";
    if (!size.equals("small") && !size.equals("full")) {
      throw new DashboardConfigException(
          line(node), "column size must be 'small' or 'full', not '" + size + "'");
    }
    List<Widget> widgets = new ArrayList<>();
    Node w = keys.get("widgets");
    if (w != null) {
      if (!(w instanceof SequenceNode list)) {
        throw new DashboardConfigException(line(w), "'widgets' must be a list");
      }
      for (Node item : list.getValue()) {
        Map<String, Node> props = mapping(item);
        String type = required(props, "type", item);
        Map<String, Object> values = new LinkedHashMap<>();
        props.forEach((k, v) -> values.put(k, plain(v)));
        widgets.add(WidgetFactory.create(new WidgetSpec(type, values, line(item))));
      }
    }
    return new ColumnSpec(size, widgets);
  }

  /** Node tree to Map / List / String, the widgets' own view of their props. */
  static Object plain(Node node) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      seq.getValue().forEach(n -> out.add(plain(n)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    mapping(node).forEach((k, v) -> out.put(k, plain(v)));
    out.put(WidgetSpec.LINE_KEY, line(node));
    return out;
  }

  private static Map<String, Node> mapping(Node node) {
    if (!(node instanceof MappingNode m)) {
      throw new DashboardConfigException(line(node), "expected a mapping (key: value)");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      out.put(scalar(t.getKeyNode()), t.getValueNode());
    }
    return out;
  }

  private static String required(Map<String, Node> keys, String key, Node owner) {
    Node v = keys.get(key);
    if (v == null || scalar(v).isBlank()) {
      throw new DashboardConfigException(line(owner), "'" + key + "' is required");
    }
    return scalar(v);
  }

  private static String scalar(Node node) {
    if (!(node instanceof ScalarNode s)) {
      throw new DashboardConfigException(line(node), "expected a single value");
    }
    return s.getValue();
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }

  static String slugOf(String name) {
    String s =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "page" : s;
  }
}
