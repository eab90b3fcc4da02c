package io.homelab.observer.tracking.scorers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.scorers.Scorers.OnlineConfigRequest;
import io.homelab.observer.tracking.scorers.Scorers.OnlineScoringConfig;
import io.homelab.observer.tracking.scorers.Scorers.ScorerVersion;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.trace.TraceService;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Online scoring configurations of registered scorers (MLflow's {@code
 * upsert_online_scoring_config} / {@code get_online_scoring_configs}): a sample rate and an
 * optional trace filter per scorer, with MLflow's checks. Stored for MLflow clients and the UI;
 * this server does not run scorers on incoming traces.
 */
@Singleton
public class OnlineScoringService {

  /** A judge whose instructions use {@code {{ expectations }}} needs ground truth. */
  private static final Pattern EXPECTATIONS = Pattern.compile("\\{\\{\\s*expectations\\s*\\}\\}");

  private final Database db;
  private final ScorerStore store;
  private final ScorerService scorers;
  private final TraceService traces;
  private final ObjectMapper json;

  public OnlineScoringService(
      Database db,
      ScorerStore store,
      ScorerService scorers,
      TraceService traces,
      ObjectMapper json) {
    this.db = db;
    this.store = store;
    this.scorers = scorers;
    this.traces = traces;
    this.json = json;
  }

  /** Replaces the scorer's configuration and returns the new one. */
  public OnlineScoringConfig upsert(OnlineConfigRequest req) {
    Validation.required(req.experimentId(), "experiment_id");
    Validation.required(req.name(), "name");
    if (req.sampleRate() == null || req.sampleRate().isNull()) {
      throw MlflowException.missing("sample_rate");
    }
    String filter = filter(req.filterString());
    double rate = sampleRate(req.sampleRate());
    if (filter != null && !filter.isEmpty()) {
      traces.checkFilter(filter);
    }
    long experiment = scorers.activeExperiment(req.experimentId());
    return db.write(
        c -> {
          String scorerId = scorers.existing(c, experiment, req.experimentId(), req.name());
          Optional<ScorerVersion> latest = store.version(c, scorerId, null);
          if (latest.isPresent() && rate > 0) {
            checkRunnable(req.name(), latest.get().serializedScorer());
          }
          OnlineScoringConfig config =
              new OnlineScoringConfig(
                  UUID.randomUUID().toString().replace("-", ""),
                  scorerId,
                  rate,
                  String.valueOf(experiment),
                  filter);
          store.replaceConfig(c, config);
          return config;
        });
  }

  /** The configurations of these scorers (scorers without one are left out). */
  public List<OnlineScoringConfig> configs(List<String> scorerIds) {
    if (scorerIds == null || scorerIds.isEmpty()) {
      throw MlflowException.missing("scorer_ids");
    }
    return db.read(c -> store.configs(c, List.copyOf(scorerIds)));
  }

  /** MLflow runs online only scorers judged by a gateway endpoint, without expectations. */
  private void checkRunnable(String name, String serialized) {
    JsonNode data;
    try {
      data = json.readTree(serialized);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored scorer is not JSON", e);
    }
    if (!ScorerPayload.usesGatewayModel(data)) {
      throw MlflowException.invalid(
          "Scorer '"
              + name
              + "' does not use a gateway model. Automatic evaluation is only supported for"
              + " scorers that use gateway models.");
    }
    JsonNode instructions = data.path("instructions_judge_pydantic_data").path("instructions");
    if (instructions.isTextual() && EXPECTATIONS.matcher(instructions.asText()).find()) {
      throw MlflowException.invalid(
          "Scorer '"
              + name
              + "' requires expectations, but scorers with expectations are not currently"
              + " supported for automatic evaluation.");
    }
  }

  private static String filter(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw MlflowException.invalid(
          "Invalid value "
              + value
              + " for parameter 'filter_string' supplied: Value was of type '"
              + (value.isIntegralNumber()
                  ? "int"
                  : value.isNumber()
                      ? "float"
                      : value.isBoolean() ? "bool" : value.isArray() ? "list" : "dict")
              + "'. Expected type 'str' or None.");
    }
    return value.asText();
  }

  /** MLflow applies {@code float()}: a number or numeric text, then checks the range. */
  private static double sampleRate(JsonNode value) {
    double rate;
    if (value.isNumber()) {
      rate = value.asDouble();
    } else if (value.isTextual()) {
      try {
        rate = Double.parseDouble(value.asText().trim());
      } catch (NumberFormatException e) {
        throw MlflowException.invalid("sample_rate must be a number, got str");
      }
    } else {
      throw MlflowException.invalid(
          "sample_rate must be a number, got "
              + (value.isBoolean() ? "bool" : value.isArray() ? "list" : "dict"));
    }
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw MlflowException.invalid("sample_rate must be between 0.0 and 1.0, got " + rate);
    }
    return rate;
  }
}
