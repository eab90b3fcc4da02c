package io.homelab.observer.controller.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC helpers for the stores: every value is bound as a parameter, never concatenated into
 * SQL, and rows are mapped by the stores' own lambdas (no reflection, so native images need no
 * registration).
 */
public final class Jdbc {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A typed SQL NULL: PostgreSQL wants the type of a null parameter, SQLite does not care. */
  public record Null(int sqlType) {}

  private Jdbc() {}

  /** Runs an INSERT/UPDATE/DELETE and returns the affected row count. */
  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /** Every row the query returns, mapped in order. */
  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
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

  /** The first row, if any. */
  public static <T> Optional<T> first(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    List<T> rows = query(c, sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The single number a {@code SELECT COUNT(*)} returns. */
  public static long count(Connection c, String sql, Object... args) throws SQLException {
    return first(c, sql, rs -> rs.getLong(1), args).orElse(0L);
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
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
    return s == null ? new Null(Types.VARCHAR) : s;
  }

  /** A nullable BIGINT argument. */
  public static Object bigint(Long l) {
    return l == null ? new Null(Types.BIGINT) : l;
  }

  /** A nullable INTEGER argument. */
  public static Object integer(Integer n) {
    return n == null ? new Null(Types.INTEGER) : n;
  }

  /** A nullable DOUBLE PRECISION argument. */
  public static Object real(Double d) {
    return d == null ? new Null(Types.DOUBLE) : d;
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
}
