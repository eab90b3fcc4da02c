package io.homelab.observer.common.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC helpers for the services' stores (controller and tracking server alike): every value
 * is bound as a parameter, never concatenated into SQL, and rows are mapped by the stores' own
 * lambdas (no reflection, so native images need no registration).
 */
public final class Jdbc {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A typed SQL NULL (List.of rejects plain nulls, and PostgreSQL wants the type). */
  public record Null(int sqlType) {
    public static final Null TEXT = new Null(Types.VARCHAR);
    public static final Null BIGINT = new Null(Types.BIGINT);
    public static final Null INTEGER = new Null(Types.INTEGER);
    public static final Null DOUBLE = new Null(Types.DOUBLE);
  }

  private Jdbc() {}

  /** Runs an INSERT/UPDATE/DELETE and returns the affected row count. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, Arrays.asList(args));
      return ps.executeUpdate();
    }
  }

  /** Every row the query returns, mapped in order. */
  public static <T> List<T> query(Connection c, String sql, List<?> args, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  /** Every row the query returns, mapped in order. */
  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    return query(c, sql, Arrays.asList(args), mapper);
  }

  /** The first row, if any. */
  public static <T> Optional<T> first(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    List<T> rows = query(c, sql, Arrays.asList(args), mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The single number a {@code SELECT COUNT(*)} returns. */
  public static long count(Connection c, String sql, Object... args) throws SQLException {
    return first(c, sql, rs -> rs.getLong(1), args).orElse(0L);
  }

  /**
   * Binds arguments by position. Only the types the stores use are accepted: anything else is a
   * programming error that a driver would otherwise store as its {@code toString()}.
   */
  public static void bind(PreparedStatement ps, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a == null) {
        // Types.NULL lets PostgreSQL infer the column type; SQLite does not care.
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Null n) {
        ps.setNull(i + 1, n.sqlType());
      } else if (a instanceof String s) {
        ps.setString(i + 1, s);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof Double d) {
        ps.setDouble(i + 1, d);
      } else if (a instanceof Boolean b) {
        ps.setBoolean(i + 1, b);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + a.getClass());
      }
    }
  }

  /** A nullable VARCHAR argument. */
  public static Object text(String s) {
    return s == null ? Null.TEXT : s;
  }

  /** A nullable BIGINT argument. */
  public static Object bigint(Long l) {
    return l == null ? Null.BIGINT : l;
  }

  /** A nullable INTEGER argument. */
  public static Object integer(Integer n) {
    return n == null ? Null.INTEGER : n;
  }

  /** A nullable DOUBLE PRECISION argument. */
  public static Object real(Double d) {
    return d == null ? Null.DOUBLE : d;
  }

  /** Reads a nullable BIGINT column. */
  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** Reads a nullable INTEGER column. */
  public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /** Reads a nullable DOUBLE PRECISION column. */
  public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * Inserts the key/value row of an owner (a tag or param of a model, a version, ...) or replaces
   * its value. Table and column names are the caller's constants, never request text.
   */
  public static void upsertKeyValue(
      Connection c, String table, String ownerColumns, List<?> owner, String key, String value)
      throws SQLException {
    List<Object> args = new ArrayList<>(owner);
    args.add(key);
    args.add(value);
    update(
        c,
        "INSERT INTO "
            + table
            + " ("
            + ownerColumns
            + ", key, value) VALUES ("
            + placeholders(args.size())
            + ") ON CONFLICT ("
            + ownerColumns
            + ", key) DO UPDATE SET value = excluded.value",
        args.toArray());
  }

  /** "?, ?, ?" for n placeholders. */
  public static String placeholders(int n) {
    return n == 0 ? "" : "?, ".repeat(n - 1) + "?";
  }

  /** Whether a failure is a unique/primary-key violation (SQLite and PostgreSQL). */
  public static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState())
        || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"))
        || (e.getMessage() != null && e.getMessage().contains("PRIMARY KEY constraint failed"));
  }
}
