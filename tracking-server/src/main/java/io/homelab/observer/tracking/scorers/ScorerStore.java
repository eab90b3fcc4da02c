package io.homelab.observer.tracking.scorers;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.scorers.Scorers.OnlineScoringConfig;
import io.homelab.observer.tracking.scorers.Scorers.ScorerVersion;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of scorers (tables of migration V100): a scorer per (experiment, name) with a stable id,
 * its numbered versions, and its online scoring configuration. Every statement binds its values.
 */
@Singleton
public class ScorerStore {

  /** Keeps IN lists well below SQLite's bound-parameter limit (MLflow chunks at 500 too). */
  static final int ID_CHUNK = 500;

  private static final String VERSION_COLUMNS =
      "s.experiment_id, s.scorer_name, v.scorer_version, v.serialized_scorer, v.creation_time,"
          + " s.scorer_id";

  /** The id of the scorer with this name in the experiment. */
  Optional<String> scorerId(Connection c, long experimentId, String name) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT scorer_id FROM scorers WHERE experiment_id = ? AND scorer_name = ?",
        rs -> rs.getString(1),
        experimentId,
        name);
  }

  void insertScorer(Connection c, String scorerId, long experimentId, String name)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO scorers (scorer_id, experiment_id, scorer_name) VALUES (?, ?, ?)",
        scorerId,
        experimentId,
        name);
  }

  /** The highest version number of a scorer, 0 when it has none. */
  int maxVersion(Connection c, String scorerId) throws SQLException {
    return Jdbc.first(
            c,
            "SELECT MAX(scorer_version) FROM scorer_versions WHERE scorer_id = ?",
            rs -> rs.getInt(1),
            scorerId)
        .orElse(0);
  }

  void insertVersion(
      Connection c, String scorerId, int version, String serialized, long creationTime)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO scorer_versions (scorer_id, scorer_version, serialized_scorer, creation_time)"
            + " VALUES (?, ?, ?, ?)",
        scorerId,
        version,
        serialized,
        creationTime);
  }

  /** Every version of a scorer, oldest first. */
  List<ScorerVersion> versions(Connection c, String scorerId) throws SQLException {
    return Jdbc.query(
        c,
        "SELECT "
            + VERSION_COLUMNS
            + " FROM scorer_versions v JOIN scorers s ON s.scorer_id = v.scorer_id"
            + " WHERE v.scorer_id = ? ORDER BY v.scorer_version",
        ScorerStore::version,
        scorerId);
  }

  /** One version, or the latest when {@code version} is null. */
  Optional<ScorerVersion> version(Connection c, String scorerId, Integer version)
      throws SQLException {
    if (version != null) {
      return Jdbc.first(
          c,
          "SELECT "
              + VERSION_COLUMNS
              + " FROM scorer_versions v JOIN scorers s ON s.scorer_id = v.scorer_id"
              + " WHERE v.scorer_id = ? AND v.scorer_version = ?",
          ScorerStore::version,
          scorerId,
          version);
    }
    return Jdbc.first(
        c,
        "SELECT "
            + VERSION_COLUMNS
            + " FROM scorer_versions v JOIN scorers s ON s.scorer_id = v.scorer_id"
            + " WHERE v.scorer_id = ? ORDER BY v.scorer_version DESC LIMIT 1",
        ScorerStore::version,
        scorerId);
  }

  /**
   * The latest version of every scorer of these experiments ({@code null}: of every experiment),
   * ordered by (experiment id, name) as MLflow's {@code list_scorers_across_experiments}; scorers
   * of deleted experiments are left out, as MLflow's handler filters to active experiments first.
   */
  List<ScorerVersion> latest(Connection c, List<Long> experimentIds) throws SQLException {
    String sql =
        "SELECT "
            + VERSION_COLUMNS
            + " FROM scorers s JOIN scorer_versions v ON v.scorer_id = s.scorer_id"
            + " JOIN experiments e ON e.experiment_id = s.experiment_id"
            + " WHERE e.lifecycle_stage = 'active' AND v.scorer_version ="
            + " (SELECT MAX(m.scorer_version) FROM scorer_versions m WHERE m.scorer_id = s.scorer_id)";
    List<ScorerVersion> out = new ArrayList<>();
    if (experimentIds == null) {
      out.addAll(Jdbc.query(c, sql, List.of(), ScorerStore::version));
    }
    for (int from = 0; experimentIds != null && from < experimentIds.size(); from += ID_CHUNK) {
      List<Long> chunk =
          experimentIds.subList(from, Math.min(experimentIds.size(), from + ID_CHUNK));
      out.addAll(
          Jdbc.query(
              c,
              sql + " AND s.experiment_id IN (" + Jdbc.placeholders(chunk.size()) + ")",
              chunk,
              ScorerStore::version));
    }
    // Sorted here, not in SQL: chunks come back apart, and PostgreSQL's collation would order
    // names unlike MLflow's SQLite default (by code point).
    out.sort(
        Comparator.comparingLong(ScorerVersion::experimentId)
            .thenComparing(ScorerVersion::scorerName));
    return out;
  }

  /** Deletes one version; whether it existed. */
  boolean deleteVersion(Connection c, String scorerId, int version) throws SQLException {
    return Jdbc.update(
            c,
            "DELETE FROM scorer_versions WHERE scorer_id = ? AND scorer_version = ?",
            scorerId,
            version)
        > 0;
  }

  /** Deletes a scorer with its versions and online configuration; how many versions it had. */
  int deleteScorer(Connection c, String scorerId) throws SQLException {
    int versions = Jdbc.update(c, "DELETE FROM scorer_versions WHERE scorer_id = ?", scorerId);
    Jdbc.update(c, "DELETE FROM online_scoring_configs WHERE scorer_id = ?", scorerId);
    Jdbc.update(c, "DELETE FROM scorers WHERE scorer_id = ?", scorerId);
    return versions;
  }

  /** Replaces the online configuration of a scorer (MLflow keeps one per scorer). */
  void replaceConfig(Connection c, OnlineScoringConfig config) throws SQLException {
    Jdbc.update(c, "DELETE FROM online_scoring_configs WHERE scorer_id = ?", config.scorerId());
    Jdbc.update(
        c,
        "INSERT INTO online_scoring_configs (online_scoring_config_id, scorer_id, sample_rate,"
            + " experiment_id, filter_string) VALUES (?, ?, ?, ?, ?)",
        config.onlineScoringConfigId(),
        config.scorerId(),
        config.sampleRate(),
        Long.parseLong(config.experimentId()),
        Jdbc.text(config.filterString()));
  }

  /** The configurations of these scorers. */
  List<OnlineScoringConfig> configs(Connection c, List<String> scorerIds) throws SQLException {
    List<OnlineScoringConfig> out = new ArrayList<>();
    for (int from = 0; from < scorerIds.size(); from += ID_CHUNK) {
      List<String> chunk = scorerIds.subList(from, Math.min(scorerIds.size(), from + ID_CHUNK));
      out.addAll(
          Jdbc.query(
              c,
              "SELECT online_scoring_config_id, scorer_id, sample_rate, experiment_id,"
                  + " filter_string FROM online_scoring_configs WHERE scorer_id IN ("
                  + Jdbc.placeholders(chunk.size())
                  + ") ORDER BY scorer_id",
              chunk,
              rs ->
                  new OnlineScoringConfig(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getDouble(3),
                      String.valueOf(rs.getLong(4)),
                      rs.getString(5))));
    }
    return out;
  }

  private static ScorerVersion version(ResultSet rs) throws SQLException {
    return new ScorerVersion(
        rs.getLong(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getString(6));
  }
}
