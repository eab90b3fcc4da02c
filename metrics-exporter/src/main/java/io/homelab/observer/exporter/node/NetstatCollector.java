package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Protocol counters from {@code /proc/net/netstat}, {@code /proc/net/snmp} and {@code
 * /proc/net/snmp6}, filtered by node_exporter's default {@code --collector.netstat.fields}.
 *
 * <pre>
 * # HELP node_netstat_Tcp_CurrEstab Statistic TcpCurrEstab.
 * # TYPE node_netstat_Tcp_CurrEstab untyped
 * node_netstat_Tcp_CurrEstab 4
 * </pre>
 */
public final class NetstatCollector implements Collector {

  private final HostPaths paths;
  private final NodeOptions options;

  public NetstatCollector(HostPaths paths, NodeOptions options) {
    this.paths = paths;
    this.options = options;
  }

  @Override
  public String name() {
    return "netstat";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    List<MetricFamily> out = new ArrayList<>();
    parsePairs(ProcText.read(paths.proc("net/netstat")), options, out);
    parsePairs(ProcText.read(paths.proc("net/snmp")), options, out);
    Optional<String> snmp6 = ProcText.attr(paths.proc("net/snmp6"));
    if (snmp6.isPresent()) {
      parseSnmp6(snmp6.get(), options, out);
    }
    return out;
  }

  // netstat and snmp come as pairs of lines: "Tcp: RtoAlgorithm RtoMin ..." then "Tcp: 1 200 ...".
  static void parsePairs(String text, NodeOptions options, List<MetricFamily> out)
      throws IOException {
    String[] lines = text.split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      String[] names = ProcText.fields(lines[i]);
      String[] values = ProcText.fields(lines[i + 1]);
      if (names.length != values.length || !names[0].equals(values[0])) {
        throw new IOException("mismatch in netstat lines: " + lines[i]);
      }
      String proto = names[0].substring(0, names[0].length() - 1);
      for (int j = 1; j < names.length; j++) {
        add(proto, names[j], values[j], options, out);
      }
    }
  }

  // snmp6 is "Ip6InReceives 123" per line; the protocol is the prefix before the first
  // lower-case letter after it ("Ip6", "Icmp6", "Udp6", "UdpLite6").
  static void parseSnmp6(String text, NodeOptions options, List<MetricFamily> out) {
    for (String line : text.split("\n")) {
      String[] f = ProcText.fields(line);
      if (f.length != 2) {
        continue;
      }
      int six = f[0].indexOf('6');
      if (six < 0) {
        continue;
      }
      add(f[0].substring(0, six + 1), f[0].substring(six + 1), f[1], options, out);
    }
  }

  private static void add(
      String proto, String key, String value, NodeOptions options, List<MetricFamily> out) {
    String field = proto + "_" + key;
    if (!NodeOptions.matchesCached(options.netstatFields(), field)) {
      return;
    }
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return;
    }
    out.add(
        MetricFamily.single(
            "node_netstat_" + field, "Statistic " + proto + key + ".", MetricType.UNTYPED, v));
  }
}
