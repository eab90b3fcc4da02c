package io.homelab.observer.tracking.registry;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** MLflow's checks of model registry input: names, versions, stages, aliases, tags, sources. */
final class RegistryValidation {

  static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");
  private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
  private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");

  private RegistryValidation() {}

  static void name(String name) {
    if (name == null || name.isEmpty()) {
      throw MlflowException.missing("name");
    }
  }

  static int version(String version) {
    Validation.required(version, "version");
    try {
      return Integer.parseInt(version.trim());
    } catch (NumberFormatException e) {
      throw MlflowException.invalid("Model version must be an integer, got '" + version + "'");
    }
  }

  static String stage(String stage) {
    for (String s : STAGES) {
      if (s.equalsIgnoreCase(stage)) {
        return s;
      }
    }
    throw MlflowException.invalid(
        "Invalid Model Version stage: "
            + stage
            + ". Value must be one of None, Staging, Production, Archived.");
  }

  static void alias(String alias) {
    Validation.required(alias, "alias");
    if (!ALIAS.matcher(alias).matches() || alias.length() > 255) {
      throw MlflowException.invalid(
          "Invalid alias name: '"
              + alias
              + "'. Names may only contain alphanumerics, "
              + "underscores (_), and dashes (-), and be at most 255 characters.");
    }
    if (alias.equalsIgnoreCase("latest")) {
      throw MlflowException.invalid("'" + alias + "' alias name (case insensitive) is reserved.");
    }
    if (VERSION_ALIAS.matcher(alias).matches()) {
      throw MlflowException.invalid("Version alias name '" + alias + "' is reserved.");
    }
  }

  static void tag(String key, String value) {
    Validation.key(key, "key", "Tag");
    Validation.maxLength("key", Validation.MAX_REGISTRY_TAG_KEY_LENGTH, key);
    Validation.maxLength("value", Validation.MAX_REGISTRY_TAG_VALUE_LENGTH, value);
  }

  /** The tags of a create request, each checked; none for null. */
  static List<KeyValue> tags(List<KeyValue> tags) {
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue t : tags == null ? List.<KeyValue>of() : tags) {
      tag(t.key(), t.value());
      out.add(t);
    }
    return out;
  }

  /**
   * Whether a new version is a prompt version (MLflow's {@code _is_prompt_request}: the last {@code
   * mlflow.prompt.is_prompt} tag, case-insensitively "true").
   */
  static boolean isPrompt(List<KeyValue> tags) {
    String value = "false";
    for (KeyValue t : tags == null ? List.<KeyValue>of() : tags) {
      if (t != null && PromptFilter.IS_PROMPT.equals(t.key()) && t.value() != null) {
        value = t.value();
      }
    }
    return value.toLowerCase(Locale.ROOT).equals("true");
  }

  /** A prompt version names no artifacts: its source must be one of MLflow's placeholders. */
  static void promptSource(String source) {
    if (!PromptSources.isPlaceholder(source)) {
      throw MlflowException.invalid(
          "Invalid prompt source: '"
              + source
              + "'. Prompt sources must use an MLflow placeholder.");
    }
  }

  /**
   * MLflow's source checks, stricter: CVE-2023-1177 and its bypasses read server files through a
   * version's source, so local paths ({@code file:}, absolute, relative with {@code ..}),
   * fragments, query strings and NUL bytes are refused outright.
   */
  static void source(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    String decoded = source;
    for (int i = 0; i < 3; i++) {
      try {
        decoded = URLDecoder.decode(decoded, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        break;
      }
    }
    boolean local =
        lower.startsWith("file:")
            || source.startsWith("/")
            || source.startsWith("\\")
            || source.matches("^[A-Za-z]:[\\\\/].*")
            || !source.contains(":");
    boolean traversal = false;
    for (String segment : decoded.replace('\\', '/').split("/")) {
      traversal |= segment.equals("..");
    }
    if (local
        || traversal
        || source.contains("#")
        || source.contains("?")
        || decoded.indexOf('\0') >= 0) {
      throw MlflowException.invalid(
          "Invalid model version source: '"
              + source
              + "'. To use a local path as a model version source, "
              + "the run_id request parameter has to be specified and the local path has to be contained within "
              + "the artifact directory of the run specified by the run_id.");
    }
  }

  static MlflowException modelNotFound(String name) {
    return MlflowException.notFound("Registered Model with name=" + name + " not found");
  }

  static MlflowException versionNotFound(String name, String version) {
    return MlflowException.notFound(
        "Model Version (name=" + name + ", version=" + version + ") not found");
  }
}
