package io.homelab.observer.tracking.run;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** MLflow-style random run names ("adjective-noun-123") for runs created without a name. */
final class RunNames {

  private static final List<String> ADJECTIVES =
      List.of(
          "abundant",
          "able",
          "brave",
          "bright",
          "calm",
          "capable",
          "clean",
          "clever",
          "dapper",
          "delicate",
          "eager",
          "efficient",
          "fearless",
          "gentle",
          "glamorous",
          "honorable",
          "judicious",
          "kindly",
          "languid",
          "loud",
          "merciful",
          "nimble",
          "orderly",
          "polite",
          "quiet",
          "rebellious",
          "resilient",
          "serious",
          "skillful",
          "smiling",
          "stately",
          "sincere",
          "thoughtful",
          "unique",
          "valuable",
          "victorious",
          "wise",
          "youthful",
          "zealous");
  private static final List<String> NOUNS =
      List.of(
          "ant", "bass", "bat", "bear", "bird", "boar", "carp", "cat", "colt", "cow", "crab",
          "deer", "doe", "dog", "donkey", "duck", "eel", "finch", "fly", "foal", "fox", "frog",
          "gnat", "goat", "hare", "hawk", "hen", "hog", "horse", "lamb", "lark", "mole", "moth",
          "mouse", "owl", "ox", "panda", "pig", "ray", "robin", "seal", "shark", "sheep", "shrew",
          "sloth", "snail", "squid", "stag", "swan", "toad", "trout", "whale", "wolf", "wren",
          "yak", "zebra");

  private RunNames() {}

  static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return ADJECTIVES.get(r.nextInt(ADJECTIVES.size()))
        + "-"
        + NOUNS.get(r.nextInt(NOUNS.size()))
        + "-"
        + r.nextInt(1000);
  }
}
