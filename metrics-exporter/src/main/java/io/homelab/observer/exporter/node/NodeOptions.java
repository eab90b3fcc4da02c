package io.homelab.observer.exporter.node;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The node_exporter flags our collectors honour, with node_exporter 1.x's upstream defaults.
 *
 * <p>Note: Debian's packaged node_exporter patches two defaults ({@code mount-points-exclude} also
 * drops {@code /run}, {@code /mnt}, {@code /media}; netdev drops {@code lo}); ours follow upstream.
 */
public record NodeOptions(
    Pattern mountPointsExclude,
    Pattern fsTypesExclude,
    Duration mountTimeout,
    Pattern diskstatsDeviceExclude,
    Pattern netdevDeviceExclude,
    Pattern netclassIgnoredDevices,
    Pattern netstatFields,
    Pattern vmstatFields) {

  /** {@code --collector.filesystem.mount-points-exclude} default (filesystem_linux.go). */
  public static final String MOUNT_POINTS_EXCLUDE =
      "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

  /** {@code --collector.filesystem.fs-types-exclude} default. */
  public static final String FS_TYPES_EXCLUDE =
      "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660"
          + "|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs"
          + "|tracefs)$";

  /** {@code --collector.diskstats.device-exclude} default. */
  public static final String DISKSTATS_DEVICE_EXCLUDE =
      "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  /** {@code --collector.netdev.device-exclude}: upstream excludes nothing. */
  public static final String NETDEV_DEVICE_EXCLUDE = "^$";

  /** {@code --collector.netclass.ignored-devices} default. */
  public static final String NETCLASS_IGNORED_DEVICES = "^$";

  /** {@code --collector.netstat.fields} default. */
  public static final String NETSTAT_FIELDS =
      "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
          + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)|Tcp_(ActiveOpens|InSegs"
          + "|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)|Udp6?_(InDatagrams|OutDatagrams"
          + "|NoPorts|RcvbufErrors|SndbufErrors))$";

  /** {@code --collector.vmstat.fields} default. */
  public static final String VMSTAT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

  /** node_exporter's defaults. */
  public static NodeOptions defaults() {
    return new NodeOptions(
        Pattern.compile(MOUNT_POINTS_EXCLUDE),
        Pattern.compile(FS_TYPES_EXCLUDE),
        Duration.ofSeconds(5),
        Pattern.compile(DISKSTATS_DEVICE_EXCLUDE),
        Pattern.compile(NETDEV_DEVICE_EXCLUDE),
        Pattern.compile(NETCLASS_IGNORED_DEVICES),
        Pattern.compile(NETSTAT_FIELDS),
        Pattern.compile(VMSTAT_FIELDS));
  }

  /** Go's MatchString: true when the pattern matches anywhere in the text. */
  static boolean matches(Pattern p, String s) {
    return p.matcher(s).find();
  }

  // netstat and vmstat test a few hundred stable field names against long alternations on every
  // scrape; remembering the answer per (pattern, name) takes that off the scrape's CPU time.
  private static final Map<Pattern, Map<String, Boolean>> MATCH_CACHE = new ConcurrentHashMap<>();

  /** {@link #matches} memoised, for patterns applied to a bounded set of kernel field names. */
  static boolean matchesCached(Pattern p, String s) {
    Map<String, Boolean> byName = MATCH_CACHE.computeIfAbsent(p, k -> new ConcurrentHashMap<>());
    Boolean hit = byName.get(s);
    if (hit == null) {
      hit = matches(p, s);
      if (byName.size() < 4096) {
        byName.put(s, hit);
      }
    }
    return hit;
  }
}
